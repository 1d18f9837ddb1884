// Reads the PyTorch reference fixtures (test/fixtures/torch/*.fbfx, written by generate.py there) for parity tests.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TORCH_FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'torch');
export const FBFX_MAGIC = 'FBFX';
export const FBFX_VERSION = 1;

export type FixtureDType = 'float32' | 'int32';

export interface FixtureTensor {
  shape: number[];
  data: Float32Array | Int32Array;
}

export type FixtureAttrs = Record<string, unknown>;

export interface TorchFixture {
  case: string;
  torch: string;
  attrs: FixtureAttrs;
  tensors: Record<string, FixtureTensor>;
  /** The float32 tensor `name`; throws if it is missing or int32. */
  get(name: string): Float32Array;
  /** The int32 tensor `name`; throws if it is missing or float32. */
  getInt(name: string): Int32Array;
  /** Shape of tensor `name`; throws if it is missing. */
  shape(name: string): number[];
}

interface HeaderTensor {
  name: string;
  shape: number[];
  offset: number;
  dtype: FixtureDType;
}

/** Every case name in the fixture folder, sorted. */
export function listTorchFixtures(dir = TORCH_FIXTURE_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.fbfx'))
    .map((f) => f.slice(0, -'.fbfx'.length))
    .sort();
}

/** Loads `<dir>/<caseName>.fbfx`. */
export function loadTorchFixture(caseName: string, dir = TORCH_FIXTURE_DIR): TorchFixture {
  const file = join(dir, `${caseName}.fbfx`);
  return parseTorchFixture(new Uint8Array(readFileSync(file)), file);
}

/** Parses fixture bytes; `file` only names the source in error messages. */
export function parseTorchFixture(bytes: Uint8Array, file: string): TorchFixture {
  const fail = (why: string): never => {
    throw new Error(`torch fixture ${file}: ${why}`);
  };
  if (bytes.byteLength < 12) fail(`${bytes.byteLength} bytes is too short for the 12-byte preamble`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== FBFX_MAGIC) fail(`bad magic ${JSON.stringify(magic)}, expected "${FBFX_MAGIC}"`);
  const version = view.getUint32(4, true);
  if (version !== FBFX_VERSION) fail(`format version ${version}, this reader knows ${FBFX_VERSION}`);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.byteLength) fail(`header of ${headerLength} bytes runs past the end (${bytes.byteLength} bytes)`);

  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerLength)));
  } catch (err) {
    fail(`header is not UTF-8 JSON (${(err as Error).message})`);
  }
  const h = header as { case?: unknown; torch?: unknown; attrs?: unknown; tensors?: unknown };
  if (typeof h !== 'object' || h === null) fail('header is not a JSON object');
  if (typeof h.case !== 'string') fail('header.case is not a string');
  if (typeof h.torch !== 'string') fail('header.torch is not a string');
  if (typeof h.attrs !== 'object' || h.attrs === null || Array.isArray(h.attrs)) fail('header.attrs is not an object');
  if (!Array.isArray(h.tensors)) fail('header.tensors is not an array');

  // The data section starts at the first multiple of 4 after the header, so float32 views can alias the file.
  const dataStart = Math.ceil((12 + headerLength) / 4) * 4;
  const aligned = (bytes.byteOffset + dataStart) % 4 === 0 ? bytes : bytes.slice();
  const tensors: Record<string, FixtureTensor> = {};
  for (const entry of h.tensors as HeaderTensor[]) {
    const name = typeof entry?.name === 'string' ? entry.name : fail('a tensor entry has no name');
    if (name in tensors) fail(`tensor ${name} appears twice`);
    const { shape, offset, dtype } = entry;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) fail(`tensor ${name} has a bad shape`);
    if (dtype !== 'float32' && dtype !== 'int32') fail(`tensor ${name} has unknown dtype ${JSON.stringify(dtype)}`);
    if (!Number.isInteger(offset) || offset < 0 || offset % 4 !== 0) fail(`tensor ${name} has bad offset ${offset}`);
    const count = shape.reduce((a, b) => a * b, 1);
    const start = dataStart + offset;
    const end = start + count * 4;
    if (end > bytes.byteLength) fail(`tensor ${name} [${shape}] at ${start}..${end} runs past the end (${bytes.byteLength} bytes)`);
    const buffer = aligned.buffer;
    const at = aligned.byteOffset + start;
    // Fixtures are little-endian, as is every platform we run on (x86-64, arm64).
    const data = dtype === 'float32' ? new Float32Array(buffer, at, count) : new Int32Array(buffer, at, count);
    tensors[name] = { shape: [...shape], data };
  }

  const lookup = (name: string): FixtureTensor => tensors[name] ?? fail(`no tensor ${name} (has ${Object.keys(tensors).join(', ')})`);
  return {
    case: h.case as string,
    torch: h.torch as string,
    attrs: h.attrs as FixtureAttrs,
    tensors,
    get(name) {
      const t = lookup(name);
      return t.data instanceof Float32Array ? t.data : fail(`tensor ${name} is int32, not float32`);
    },
    getInt(name) {
      const t = lookup(name);
      return t.data instanceof Int32Array ? t.data : fail(`tensor ${name} is float32, not int32`);
    },
    shape(name) {
      return lookup(name).shape;
    },
  };
}
