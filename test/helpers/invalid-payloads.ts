// Turns one valid request into many invalid ones: wrong types, values out of range, missing and extra keys
// (`__proto__`, `constructor`), huge strings and arrays, at the root and at every nested field.
import { Rng } from '../../core/util/rng.ts';

type Path = (string | number)[];

const HUGE_STRING = 'a'.repeat(1_000_000);
const HUGE_ARRAY = new Array<number>(300_000).fill(1);

/** Values of every kind; each is wrong for most fields, and the schema check weeds out the few that fit. */
const WRONG_VALUES: readonly (() => unknown)[] = [
  () => null, () => undefined, () => true, () => -1, () => 0, () => 1.5, () => NaN, () => Infinity, () => -Infinity,
  () => 2 ** 60, () => -(2 ** 60), () => '', () => 'x', () => '1', () => '../../etc/passwd', () => 'C:\\Windows\\system.ini',
  () => 'bad\0byte', () => '\u202e\u0000', () => HUGE_STRING, () => [], () => [null], () => ['x'], () => HUGE_ARRAY, () => {}, () => ({ a: 1 }),
  () => JSON.parse('{"__proto__": {"polluted": true}}'), () => new ArrayBuffer(0), () => new Uint8Array(4), () => 1n, () => new Date(0), () => /x/,
];

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'extra', 'project ', 'PROJECT', ''];

/** Deterministic for a seed; yields mutations until the caller stops. */
export function* mutations(valid: unknown, seed: number): Generator<unknown> {
  const rng = new Rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng.next() * list.length)];
  const paths = leafPaths(valid);
  const objects = objectPaths(valid);
  for (;;) {
    const kind = rng.next();
    if (kind < 0.08) {
      yield pick(WRONG_VALUES)();
    } else if (kind < 0.3 && objects.length > 0) {
      const copy = clone(valid);
      const target = at(copy, pick(objects)) as Record<string, unknown>;
      const key = pick(EXTRA_KEYS);
      // defineProperty makes an own "__proto__" key, as JSON.parse or a structured clone would deliver it.
      Object.defineProperty(target, key, { value: pick(WRONG_VALUES)(), enumerable: true, configurable: true, writable: true });
      yield copy;
    } else if (kind < 0.4 && paths.length > 0) {
      const copy = clone(valid);
      const path = pick(paths);
      const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>;
      const key = path[path.length - 1];
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      yield copy;
    } else if (paths.length > 0) {
      const copy = clone(valid);
      const path = pick(paths);
      const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>;
      parent[path[path.length - 1]] = pick(WRONG_VALUES)();
      yield copy;
    } else {
      yield pick(WRONG_VALUES)();
    }
  }
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function at(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof ArrayBuffer) && !ArrayBuffer.isView(value);
}

/** Every field and array element, at any depth (objects and arrays themselves included). */
function leafPaths(value: unknown, path: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push([...path, i], ...leafPaths(v, [...path, i])));
  else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) out.push([...path, k], ...leafPaths(v, [...path, k]));
  return out;
}

function objectPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectPaths(v, [...path, i]));
  if (!isPlainObject(value)) return [];
  return [path, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...path, k]))];
}
