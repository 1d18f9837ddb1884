// Parsing the command line's values, each failure a UsageError naming the option.
import { isAbsolute, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with our errors: unknown options and missing values become UsageErrors. */
export function parseCommand<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^.*?: /, ''));
  }
}

export function absolutePath(value: string): string {
  return isAbsolute(value) ? value : resolve(value);
}

export function positiveInteger(option: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${option} must be a whole number ≥ 1, not "${value}"`);
  return n;
}

export function oneOf<T extends string>(option: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${choices.join(', ')}, not "${value}"`);
  return value as T;
}

/** "28x28x1" → height 28, width 28, channels 1 (channels 1 or 3). */
export function inputShape(value: string | undefined): { inputHeight: number; inputWidth: number; channels: 1 | 3 } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{1,4})x(\d{1,4})x([13])$/i.exec(value);
  if (!m) throw new UsageError(`--input must look like HxWxC with C 1 or 3 (e.g. 28x28x1), not "${value}"`);
  const [height, width] = [Number(m[1]), Number(m[2])];
  if (height < 1 || width < 1 || height > 4096 || width > 4096) throw new UsageError(`--input sides must be 1 to 4096, not "${value}"`);
  return { inputHeight: height, inputWidth: width, channels: Number(m[3]) as 1 | 3 };
}
