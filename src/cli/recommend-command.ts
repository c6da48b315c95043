import { loadCatalog } from '../catalog/catalog.js';
import { unflattenProfile } from '../recommendation/domain/profile.js';
import { recommend } from '../recommendation/domain/rank.js';
import { asUsage, parseAnswerArgs, print, readBody } from './answer.js';
import { UsageError } from './usage.js';

/**
 * `podwire recommend [key=value…] [--input FILE|-]`: the profile as GET /v1/recommendations takes
 * it (dotted keys: `capabilities.mtls=true`), or a POST body from a file.
 */
export async function recommendCommand(argv: string[]): Promise<number> {
  const { values, positionals, format, output } = parseAnswerArgs(argv, {
    input: { type: 'string' },
  });
  let input: unknown;
  if (values.input !== undefined) {
    if (positionals.length > 0) throw new UsageError('Give either --input or key=value pairs');
    input = readBody(values.input);
  } else {
    const query: Record<string, string> = {};
    for (const pair of positionals) {
      const at = pair.indexOf('=');
      if (at <= 0) throw new UsageError(`Expected key=value, got "${pair}"`);
      query[pair.slice(0, at)] = pair.slice(at + 1);
    }
    const { input: profile, errors } = unflattenProfile(query);
    if (errors.length > 0)
      throw new UsageError(
        `Invalid profile:\n${errors.map((e) => `  ${e.field}: ${e.message}`).join('\n')}`,
        false,
      );
    input = profile;
  }
  try {
    print(recommend(input as Parameters<typeof recommend>[0], loadCatalog()), format, output);
  } catch (error) {
    asUsage(error);
  }
  return 0;
}
