// An architecture as a JSON file to share: written with a format tag, read back through the engine's own
// spec schema, so an import names exactly which field of which layer is wrong.
import { parseSpec } from '../../../core/spec/analyze.ts';
import type { ModelSpec } from '../../../core/spec/model-spec.ts';
import { SpecError } from '../../../core/spec/spec-error.ts';

export const ARCHITECTURE_FORMAT = 'filterbank-architecture';
const VERSION = 1;
/** Far above any real spec (256 layers), far below what would hang the page. */
const MAX_FILE_CHARS = 1 << 20;

export class ArchitectureFileError extends Error {
  override readonly name = 'ArchitectureFileError';
}

export function architectureToJson(name: string, spec: ModelSpec): string {
  return `${JSON.stringify({ format: ARCHITECTURE_FORMAT, version: VERSION, name, spec }, null, 2)}\n`;
}

/** A file name from the architecture's name, safe on every system. */
export function architectureFileName(name: string): string {
  const base = name.replace(/[^\p{L}\p{N}._]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'architecture';
  return `${base}.json`;
}

/** Accepts our file, or a bare spec ({ input, layers }) written by hand. */
export function parseArchitectureFile(text: string, fallbackName: string): { name: string; spec: ModelSpec } {
  if (text.length > MAX_FILE_CHARS) throw new ArchitectureFileError('the file is too large to be an architecture');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ArchitectureFileError(`the file is not JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ArchitectureFileError('the file must hold a JSON object');
  const file = raw as Record<string, unknown>;
  const wrapped = 'format' in file;
  if (wrapped && file.format !== ARCHITECTURE_FORMAT) throw new ArchitectureFileError(`format: expected "${ARCHITECTURE_FORMAT}"`);
  if (wrapped && file.version !== VERSION) throw new ArchitectureFileError(`version: this Filterbank reads version ${VERSION}`);
  const name = wrapped && typeof file.name === 'string' && file.name.trim() ? file.name.trim().slice(0, 100) : fallbackName;
  try {
    return { name, spec: parseSpec(wrapped ? file.spec : raw) };
  } catch (error) {
    if (error instanceof SpecError) throw new ArchitectureFileError(wrapped ? `spec: ${error.message}` : error.message);
    throw error;
  }
}
