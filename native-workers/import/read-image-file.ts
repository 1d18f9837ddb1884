// Reads a file the user pointed at into memory, once, refusing what is not a regular file or is too large
// before reading a byte of it, and never blocking on a named pipe or a device.
import { constants, type Stats } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { failure, fsFailure, type DecodeFailure } from './decode-failure.ts';

export type ReadResult = { readonly ok: true; readonly bytes: Buffer } | DecodeFailure;

// O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; regular files ignore it.
// It does not exist on Windows, where there are no FIFOs to open by path.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export async function readImageFile(path: string, maxBytes: number): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    return (await danglingLink(path, error)) ?? fsFailure(error);
  }
  try {
    const stats = await handle.stat();
    const refusal = refuse(stats, maxBytes);
    if (refusal) return refusal;
    const bytes = await handle.readFile();
    // The file may have grown between stat and read (a download still being written).
    if (bytes.length > maxBytes) return tooLarge(bytes.length, maxBytes);
    return { ok: true, bytes };
  } catch (error) {
    return fsFailure(error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function refuse(stats: Stats, maxBytes: number): DecodeFailure | undefined {
  if (stats.isDirectory()) return failure('is-directory', 'this is a folder, not a file', 'EISDIR');
  if (!stats.isFile()) {
    const what = stats.isFIFO() ? 'a named pipe' : stats.isSocket() ? 'a socket' : 'a device';
    return failure('unreadable', `this is ${what}, not a file`, 'not a regular file');
  }
  if (stats.size > maxBytes) return tooLarge(stats.size, maxBytes);
  return undefined;
}

function tooLarge(size: number, maxBytes: number): DecodeFailure {
  return failure('too-large', `the file is ${mebibytes(size)}, more than the ${mebibytes(maxBytes)} an image may have`, `${size} bytes`);
}

function mebibytes(n: number): string {
  return `${(n / 2 ** 20).toFixed(n < 2 ** 20 ? 2 : 0)} MiB`;
}

/** ENOENT on a path that exists as a link means the link's target is missing, not that the file vanished. */
async function danglingLink(path: string, error: unknown): Promise<DecodeFailure | undefined> {
  if ((error as NodeJS.ErrnoException | null)?.code !== 'ENOENT') return undefined;
  const stats = await lstat(path).catch(() => undefined);
  if (!stats?.isSymbolicLink()) return undefined;
  return failure('unreadable', 'this is a shortcut (symbolic link) to a file that does not exist', 'ENOENT: dangling symbolic link');
}
