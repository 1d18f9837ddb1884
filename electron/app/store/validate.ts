// Argument checks shared by every public store method: each failure is a StoreError naming the field, thrown
// before anything is written.
import { StoreError } from './store-error.ts';
import { hasControlCharacters } from '../files/control-characters.ts';

export const MAX_NAME_LENGTH = 100;
/** More ids than this in one call is a bug in the caller, not a large dataset. */
export const MAX_IDS_PER_CALL = 1_000_000;

const invalid = (field: string, message: string): StoreError => new StoreError('invalid', field, message);

export function requireInteger(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid(field, `${field} must be a whole number`);
  if (value < min || value > max) throw invalid(field, `${field} must be between ${min} and ${max}`);
  return value;
}

export function requireId(field: string, value: unknown): number {
  return requireInteger(field, value, 1, Number.MAX_SAFE_INTEGER);
}

/** A non-empty list of ids, returned without repeats and in the order given. */
export function requireIds(field: string, values: unknown): number[] {
  if (!Array.isArray(values)) throw invalid(field, `${field} must be a list of ids`);
  if (values.length === 0) throw invalid(field, `${field} must name at least one item`);
  if (values.length > MAX_IDS_PER_CALL) throw invalid(field, `${field} names more than ${MAX_IDS_PER_CALL} items`);
  const seen = new Set<number>();
  values.forEach((value, i) => seen.add(requireId(`${field}[${i}]`, value)));
  return [...seen];
}

/** A name a person typed: trimmed, 1–100 characters, no control characters. */
export function requireName(field: string, value: unknown, max = MAX_NAME_LENGTH): string {
  if (typeof value !== 'string') throw invalid(field, `${field} must be text`);
  const name = value.normalize('NFC').trim();
  if (name.length === 0) throw invalid(field, `${field} must not be empty`);
  if ([...name].length > max) throw invalid(field, `${field} must be at most ${max} characters`);
  if (hasControlCharacters(name)) throw invalid(field, `${field} must not contain control characters`);
  return name;
}

/** Free text such as a path or a reason: non-empty, bounded, anything else allowed. */
export function requireText(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(field, `${field} must be non-empty text`);
  if (value.length > max) throw invalid(field, `${field} must be at most ${max} characters`);
  return value;
}

export function requireColour(field: string, value: unknown): string {
  if (typeof value !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(value)) throw invalid(field, `${field} must be a colour like #1f77b4`);
  return value.toLowerCase();
}

export function requireOneOf<const T extends string | number>(field: string, value: unknown, options: readonly T[]): T {
  if (!options.includes(value as T)) throw invalid(field, `${field} must be one of ${options.join(', ')}`);
  return value as T;
}

export function requireBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalid(field, `${field} must be true or false`);
  return value;
}

export function requireSha256(field: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value)) throw invalid(field, `${field} must be a SHA-256 in lowercase hex`);
  return value;
}

export function requireObject(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(field, `${field} must be an object`);
  return value as Record<string, unknown>;
}

/** JSON text of a value, refusing what JSON cannot carry faithfully and anything over maxBytes. */
export function requireJson(field: string, value: unknown, maxBytes = 1 << 20): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    throw invalid(field, `${field} must be plain data (no cycles or big integers)`);
  }
  if (text === undefined) throw invalid(field, `${field} must be plain data`);
  if (text.length > maxBytes) throw invalid(field, `${field} is too large (over ${maxBytes} characters as JSON)`);
  return text;
}
