// filterbank undo-sort <log> : puts every photo a sort moved, copied or linked back where it was.
import { SortUndoRefused, undoSort } from '../../classify/sort-undo.ts';
import { EXIT, UsageError, type Reporter } from '../cli-io.ts';
import { absolutePath, parseCommand } from '../options.ts';

export const undoSortUsage = 'filterbank undo-sort <.filterbank-sort-….json> [--json]';

export async function undoSortCommand(args: string[], out: Reporter): Promise<number> {
  const { positionals } = parseCommand(args, {});
  if (!positionals[0]) throw new UsageError('give the undo log that the sort wrote (.filterbank-sort-….json)');
  try {
    const result = await undoSort(absolutePath(positionals[0]));
    out.summary({ command: 'undo-sort', ...result }, [`put back ${result.restored} moved photos and removed ${result.removed} copies or links`]);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof SortUndoRefused)) throw error;
    out.error(error.message, EXIT.failed);
    return EXIT.failed;
  }
}
