/**
 * `.gitignore`-style patterns (the subset repositories use: `#` comments, `!` negation, a trailing
 * `/` for directories only, a leading or inner `/` anchoring to the config's directory, `*`, `?`,
 * `**`). The last matching pattern wins, as in git.
 */
interface Pattern {
  regex: RegExp;
  negate: boolean;
  directoryOnly: boolean;
}

function toRegex(glob: string, anchored: boolean): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more directories; a final `**` everything below.
      if (glob[i + 2] === '/') {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${out}$`);
}

function compile(line: string): Pattern | undefined {
  let text = line.replace(/\s+$/, '');
  if (text === '' || text.startsWith('#')) return undefined;
  const negate = text.startsWith('!');
  if (negate) text = text.slice(1);
  const directoryOnly = text.endsWith('/');
  if (directoryOnly) text = text.slice(0, -1);
  const anchored = text.includes('/');
  if (text.startsWith('/')) text = text.slice(1);
  return { regex: toRegex(text, anchored), negate, directoryOnly };
}

export class IgnoreList {
  private readonly patterns: Pattern[];

  constructor(lines: readonly string[]) {
    this.patterns = lines.map(compile).filter((p): p is Pattern => p !== undefined);
  }

  /** `path` is relative to the config's directory, `/`-separated. */
  ignores(path: string, isDirectory: boolean): boolean {
    // A file inside an ignored directory is ignored too (git does not descend into it).
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (this.match(parts.slice(0, i).join('/'), true)) return true;
    }
    return this.match(path, isDirectory);
  }

  private match(path: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const pattern of this.patterns) {
      if (pattern.directoryOnly && !isDirectory) continue;
      if (pattern.regex.test(path)) ignored = !pattern.negate;
    }
    return ignored;
  }
}
