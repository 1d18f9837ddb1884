// The building blocks of every request schema: ids, names, paths, lists and binary payloads, each bounded so
// that no request can make the main process allocate or scan without limit.
import { z } from 'zod';

/** Longest path any platform we ship on accepts. */
export const MAX_PATH_LENGTH = 4096;
export const MAX_NAME_LENGTH = 100;
/** Ids in one call (a bulk label of a whole 100k-photo project is one call). */
export const MAX_IDS = 200_000;
/** Paths dropped or picked in one import. */
export const MAX_IMPORT_PATHS = 10_000;
/** Files and bytes in one upload call; the browser client sends bigger drops as several calls. */
export const MAX_UPLOAD_FILES = 64;
export const MAX_UPLOAD_BYTES = 256 * 2 ** 20;

// eslint-disable-next-line no-control-regex -- these are exactly the characters refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const ids = z.array(id).min(1).max(MAX_IDS);

/** A name a person typed; trimmed by the store, which also refuses blank names. */
export const name = z
  .string()
  .min(1)
  .max(MAX_NAME_LENGTH * 2)
  .refine((s) => !CONTROL.test(s), { error: 'must not contain control characters' });

/**
 * A project is named by its folder's name inside the projects folder, never by a path: a page can only reach
 * projects that live where the user keeps them.
 */
export const projectKey = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[/\\]/.test(s) && s !== '.' && s !== '..' && !s.startsWith('.') && !CONTROL.test(s), {
    error: 'must be the name of a project folder, not a path',
  });

/** An absolute path on this machine (dropped files, a picked folder, an export destination). */
export const absolutePath = z
  .string()
  .min(1)
  .max(MAX_PATH_LENGTH)
  .refine((s) => !s.includes('\0') && (s.startsWith('/') || /^[A-Za-z]:[\\/]/.test(s) || s.startsWith('\\\\')), {
    error: 'must be an absolute path',
  });

export const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour like #1f77b4' });
/** One key, a–z or 0–9, or null for none. */
export const shortcut = z.string().regex(/^[a-z0-9]$/).nullable();
export const split = z.enum(['train', 'validation', 'test']);
export const resizeMode = z.enum(['stretch', 'crop', 'letterbox']);
export const probability = z.number().min(0).max(1);

/** Bytes cross as an ArrayBuffer (structured clone in Electron, binary frames in browser mode), never as JSON arrays. */
export const bytes = z.instanceof(ArrayBuffer);

/** A request with no fields still is an object, so extra keys are refused like everywhere else. */
export const empty = z.strictObject({});

/** Every call on a project names it; the rest of the request is call-specific. */
export function onProject<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.strictObject({ project: projectKey, ...shape });
}
