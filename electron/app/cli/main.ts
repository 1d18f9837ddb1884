// The filterbank command line: every capability scriptable without the window.
import { EXIT, Reporter, UsageError, type CliStreams } from './cli-io.ts';
import { benchCommand, benchUsage } from './commands/bench-command.ts';
import { exportCommand, exportUsage } from './commands/export-command.ts';
import { classifyCommand, classifyUsage } from './commands/classify-command.ts';
import { evalCommand, evalUsage } from './commands/eval-command.ts';
import { importCommand, importUsage } from './commands/import-command.ts';
import { serveCommand, serveUsage } from './commands/serve-command.ts';
import { trainCommand, trainUsage } from './commands/train-command.ts';
import { undoSortCommand, undoSortUsage } from './commands/undo-sort-command.ts';

type Command = (args: string[], out: Reporter, signal: AbortSignal) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  import: { run: importCommand, usage: importUsage },
  train: { run: trainCommand, usage: trainUsage },
  eval: { run: evalCommand, usage: evalUsage },
  classify: { run: classifyCommand, usage: classifyUsage },
  'undo-sort': { run: undoSortCommand, usage: undoSortUsage },
  export: { run: exportCommand, usage: exportUsage },
  bench: { run: benchCommand, usage: benchUsage },
  serve: { run: serveCommand, usage: serveUsage },
};

export const USAGE = [
  'usage:',
  ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
  '',
  'With --json, one JSON object per line: progress, then a final summary. Exit codes: 0 success, 1 the work failed, 2 bad usage.',
].join('\n');

/** Runs one command line; resolves with the exit code. */
export async function main(argv: string[], io: CliStreams, signal: AbortSignal = new AbortController().signal): Promise<number> {
  const [name, ...args] = argv;
  const out = new Reporter(io, args.includes('--json'));
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    out.error(`unknown command "${name}"\n${USAGE}`, EXIT.usage);
    return EXIT.usage;
  }
  try {
    return await command.run(args, out, signal);
  } catch (error) {
    if (error instanceof UsageError) {
      out.error(`${error.message}\nusage: ${command.usage}`, EXIT.usage);
      return EXIT.usage;
    }
    out.error(error instanceof Error ? error.message : String(error), EXIT.failed);
    return EXIT.failed;
  }
}
