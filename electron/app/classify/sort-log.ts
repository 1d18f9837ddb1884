// The undo log of a sort: what was about to be done and what was done, written atomically into the destination
// before every batch of changes, so undoSort can put every file back even after a crash mid-sort.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../files/write-file-atomic.ts';
import { z } from 'zod';

const fileStateSchema = z.strictObject({ size: z.number(), mtimeMs: z.number(), ino: z.number() });
export type FileState = z.infer<typeof fileStateSchema>;

const entrySchema = z.strictObject({
  source: z.string(),
  target: z.string(),
  /** pending: about to happen (a crash may have left it done or not); done; failed: nothing changed. */
  state: z.enum(['pending', 'done', 'failed']),
  /** The source as it was just before the change. */
  before: fileStateSchema,
  /** The target as the change left it (done entries only): what undo expects to find. */
  after: fileStateSchema.optional(),
  error: z.string().optional(),
});
export type SortLogEntry = z.infer<typeof entrySchema>;

export const sortLogSchema = z.strictObject({
  format: z.literal('filterbank-sort-undo'),
  version: z.literal(1),
  mode: z.enum(['copy', 'move', 'link']),
  dest: z.string(),
  createdAt: z.string(),
  /** Folders this sort created (the destination included), outermost first; undo removes them if empty. */
  createdFolders: z.array(z.string()),
  entries: z.array(entrySchema),
});
export type SortLog = z.infer<typeof sortLogSchema>;

/** `.filterbank-sort-2024-05-01T12-30-00-000Z.json`: hidden, so a later import or sort of dest skips it. */
export function sortLogName(date: Date): string {
  return `.filterbank-sort-${date.toISOString().replace(/[:.]/g, '-')}.json`;
}

/** Written atomically and durably: the log must be on disk before the files it describes move. */
export async function writeSortLog(path: string, log: SortLog): Promise<void> {
  await writeFileAtomic(path, new TextEncoder().encode(`${JSON.stringify(log, null, 1)}\n`));
}

export async function readSortLog(path: string): Promise<SortLog> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not a readable sort undo log: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = sortLogSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${path} is not a Filterbank sort undo log: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export function fileState(stats: { size: number; mtimeMs: number; ino: number }): FileState {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino };
}
