import { parse as parseYaml } from 'yaml';
import { BadRequestError, type FieldError } from '../common/errors.js';
import type { MultipartBody } from '../common/multipart.js';
import { parseConfig, type PodwireConfig } from './engine/config.js';
import type { ManifestFile } from './engine/files.js';

/** Option fields a multipart request may send besides its files (as the query of a YAML body). */
const OPTION_FIELDS = new Set(['pattern', 'kubernetesVersion', 'scope', 'disable']);
/** A `.podwire.yaml` is a few hundred bytes; this bounds what the YAML parser is handed. */
const MAX_CONFIG_BYTES = 64 * 1024;

/** The request's `config` (JSON body or multipart part), or a 400 naming every bad key. */
export function readConfig(value: unknown): PodwireConfig | undefined {
  if (value === undefined) return undefined;
  const parsed = parseConfig(value, 'config');
  if (!parsed.ok) throw invalidConfig(parsed.errors);
  return parsed.config;
}

function invalidConfig(errors: FieldError[]): BadRequestError {
  return new BadRequestError(
    `Invalid config: ${[...new Set(errors.map((error) => error.field))].join(', ')}.`,
    errors,
  );
}

/**
 * Splits a multipart body: every part with a filename is a manifest file (whatever its field
 * name: `-F file=@a.yaml -F file=@b.yaml`), `config` holds a `.podwire.yaml` (YAML or JSON), and
 * `pattern`, `kubernetesVersion`, `scope`, `disable` are options. Anything else is a 400 naming
 * the part. `fieldOf(i)` names the part of the i-th file in later errors.
 */
export function readMultipart(body: MultipartBody): {
  files: ManifestFile[];
  fields: Record<string, string | string[]>;
  config: PodwireConfig | undefined;
  fieldOf: (index: number) => string;
} {
  const files: ManifestFile[] = [];
  const partOf: number[] = [];
  const fields: Record<string, string | string[]> = {};
  let config: PodwireConfig | undefined;
  body.parts.forEach((part, index) => {
    if (part.field === 'config') {
      if (config !== undefined) {
        throw new BadRequestError('Send at most one config part.', [
          { field: `parts[${index}]`, message: 'a second config part' },
        ]);
      }
      config = readConfigText(part.content) ?? {};
      return;
    }
    if (part.filename !== undefined) {
      files.push({ filename: part.filename, content: part.content });
      partOf.push(index);
      return;
    }
    if (!OPTION_FIELDS.has(part.field)) {
      throw new BadRequestError(
        `Part ${index} ("${part.field.slice(0, 64)}") is neither a file nor an option.`,
        [
          {
            field: `parts[${index}]`,
            message: `unknown field "${part.field.slice(0, 64)}"; send files with a filename (curl -F file=@a.yaml)`,
          },
        ],
      );
    }
    const earlier = fields[part.field];
    fields[part.field] =
      earlier === undefined
        ? part.content
        : [...(Array.isArray(earlier) ? earlier : [earlier]), part.content];
  });
  return {
    files,
    fields,
    config,
    fieldOf: (i) => `parts[${partOf[i] ?? i}].filename`,
  };
}

function readConfigText(text: string): PodwireConfig | undefined {
  if (Buffer.byteLength(text, 'utf8') > MAX_CONFIG_BYTES) {
    throw invalidConfig([{ field: 'config', message: `is larger than ${MAX_CONFIG_BYTES} bytes` }]);
  }
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: 0, uniqueKeys: true });
  } catch (error) {
    throw invalidConfig([
      {
        field: 'config',
        message: `is not YAML or JSON: ${(error as Error).message.split('\n')[0]}`,
      },
    ]);
  }
  return readConfig(value ?? {});
}
