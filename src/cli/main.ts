/**
 * `podwire` — the command line (DESIGN §9). Only argument parsing and output live here: every
 * command calls the same pure core as the controllers, in-process and offline. Commands are
 * imported lazily so `podwire validate` never loads the renderers, and only `serve` loads Nest.
 */
import { USAGE, UsageError } from './usage.js';

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./validate-command.js')).validateCommand,
  render: async () => (await import('./render-command.js')).renderCommand,
  recommend: async () => (await import('./recommend-command.js')).recommendCommand,
  rules: async () => (await import('./catalog-commands.js')).rulesCommand,
  patterns: async () => (await import('./catalog-commands.js')).patternsCommand,
  serve: async () => async () => {
    await import('../main.js');
    return -1;
  },
};

async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${(await import('./output.js')).toolVersion()}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) throw new UsageError(`Unknown command "${name}".`);
  return (await load())(rest);
}

function isParseArgsError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')
  );
}

// `podwire … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

run(process.argv.slice(2)).then(
  (code) => {
    // serve keeps running; every other command sets its exit status and lets stdout drain.
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`podwire: ${error.message}\n`);
      if (!(error instanceof UsageError) || error.showUsage) process.stderr.write(`\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(
      `podwire: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
