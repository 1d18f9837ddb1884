// Fuzzing the decoder with mutated copies of a small valid file: every outcome must be either a model that saves
// back to exactly the same bytes, or a ModelFileError; and every error code must actually be reached.
import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../spec/analyze.ts';
import { tensorLayout } from '../spec/parameters.ts';
import { sizeOf } from '../tensor.ts';
import { crc32 } from '../util/crc32.ts';
import { Rng } from '../util/rng.ts';
import { MODEL_FILE_ERROR_CODES } from './model-file-errors.ts';
import { decodeModelFile, encodeModelFile, ModelFileError } from './model-file.ts';
import { craftFile, randomModel, sameBytes, sortedJson, splitFile, tinySpec } from './model-file.fixtures.ts';

const MUTATIONS = 12_000;
const SEED = 20250501;

const base = randomModel(tinySpec(), 77, { epochs: 4, accuracy: 0.75, history: [{ loss: 1.5 }, { loss: 0.9 }] });
const good = encodeModelFile(base);
const parts = splitFile(good);
const metadataText = new TextDecoder().decode(parts.metadata);
const utf8 = (text: string) => new TextEncoder().encode(text);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const clone = () => JSON.parse(metadataText) as { [key: string]: Json };
const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)];

const HUGE_U32 = [0, 1, 2, 3, 4, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff, 2 ** 20, 2 ** 24 + 1, 2 ** 28];
const ODD_VALUES: Json[] = [0, 1, -1, 0.5, 2.5, 1e308, 2 ** 53, 65537, 4096, -(2 ** 31), '', 'x', 'same', null, true, false, [], {}, [1], { type: 'relu' }];
const ODD_NUMBER_TEXT = ['1e999', '-1e999', '-0', '1.0', '1e0', '-1', '0.5', '4294967296', '1e-7', '01', '9'.repeat(30), 'NaN', '"3"', 'null'];
const LAYERS: Json[] = [
  { type: 'conv2d', filters: 3, kernel: 3, padding: 'same' },
  { type: 'conv2d', filters: 2, kernel: 2 },
  { type: 'batchNorm' },
  { type: 'relu' },
  { type: 'leakyRelu', alpha: 0.2 },
  { type: 'maxPool', size: 2 },
  { type: 'avgPool', size: 2 },
  { type: 'globalAvgPool' },
  { type: 'flatten' },
  { type: 'dense', units: 4 },
  { type: 'dropout', rate: 0.5 },
  { type: 'softmax' },
];

/** Every path to a value in a JSON tree, so a mutation can land anywhere in it. */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function withCrc(bytes: Uint8Array): Uint8Array {
  if (bytes.length >= 4) new DataView(bytes.buffer, bytes.byteOffset).setUint32(bytes.length - 4, crc32(bytes.subarray(0, bytes.length - 4)), true);
  return bytes;
}

/** A file whose metadata changed but whose lengths, padding and checksum are recomputed, so the decoder must read the JSON. */
function rebuild(metadata: string | Uint8Array, tensorData = parts.tensorData): Uint8Array {
  return craftFile({ metadata: typeof metadata === 'string' ? utf8(metadata) : metadata, tensorData });
}

function mutateJsonTree(rng: Rng): Uint8Array {
  const root = clone();
  const all = paths(root).filter((p) => p.length > 0);
  const path = pick(rng, all);
  let parent: Json = root;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string, Json>)[key as string];
  const key = path[path.length - 1];
  const container = parent as Record<string | number, Json>;
  switch (rng.int(5)) {
    case 0:
    case 1:
      container[key] = pick(rng, ODD_VALUES);
      break;
    case 2:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete container[key];
      break;
    case 3:
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
      else container[`${String(key)}2`] = container[key];
      break;
    case 4:
      container[key] = typeof container[key] === 'number' ? (container[key] as number) * pick(rng, [-1, 2, 0.5, 1000, 1e-3]) : pick(rng, ODD_VALUES);
      break;
  }
  // Mostly canonical (so the decoder's field checks are reached), sometimes not (the canonical check must catch it).
  return rebuild(rng.next() < 0.9 ? sortedJson(root) : JSON.stringify(root, null, rng.int(3)));
}

function mutateJsonText(rng: Rng): Uint8Array {
  let text = metadataText;
  const numbers = [...text.matchAll(/-?\d+(\.\d+)?(e[+-]?\d+)?/g)];
  const r = rng.int(4);
  if (r <= 1 && numbers.length > 0) {
    const m = pick(rng, numbers);
    text = text.slice(0, m.index) + pick(rng, ODD_NUMBER_TEXT) + text.slice(m.index + m[0].length);
  } else if (r === 2) {
    const at = rng.int(text.length);
    text = text.slice(0, at) + String.fromCharCode(32 + rng.int(95)) + text.slice(at + 1);
  } else {
    const at = rng.int(text.length);
    text = text.slice(0, at) + text.slice(at + 1 + rng.int(8));
  }
  return rebuild(text);
}

/** Changes the spec, then (mostly) makes the rest of the file agree with it, so deeper checks and valid results are reached. */
function mutateSpecCoherently(rng: Rng): Uint8Array {
  const root = clone();
  const spec = root.spec as { input: Record<string, Json>; layers: Json[] };
  const i = rng.int(spec.layers.length);
  switch (rng.int(5)) {
    case 0:
      spec.layers.splice(rng.int(spec.layers.length), 0, structuredClone(pick(rng, LAYERS)));
      break;
    case 1:
      spec.layers.splice(i, 1);
      break;
    case 2: {
      const layer = spec.layers[i] as Record<string, Json>;
      const fields = Object.keys(layer).filter((k) => k !== 'type');
      if (fields.length) layer[pick(rng, fields)] = pick(rng, [0, 1, 2, 3, 4, 5, 8, 0.5, -1, 'same', 'valid']);
      else spec.layers[i] = structuredClone(pick(rng, LAYERS));
      break;
    }
    case 3:
      spec.input[pick(rng, ['height', 'width', 'channels'])] = pick(rng, [1, 2, 3, 5, 8, 0, 4097]);
      break;
    case 4:
      spec.layers[i] = structuredClone(pick(rng, LAYERS));
      break;
  }
  let tensorData = parts.tensorData;
  try {
    const summary = analyzeSpec(spec);
    const layout = tensorLayout(summary);
    const floats = layout.reduce((n, e) => n + sizeOf(e.shape), 0);
    if (floats < 100_000) {
      root.tensors = layout.map((e) => ({ name: e.name, shape: [...e.shape] }));
      const data = new Float32Array(floats).map(() => Math.abs(rng.normal()));
      tensorData = new Uint8Array(data.buffer);
    }
    if (rng.next() < 0.8) root.classNames = Array.from({ length: summary.outputShape[2] }, (_, k) => `c${k}`);
    if (rng.next() < 0.8) {
      const { height, width, channels } = spec.input as { height: number; width: number; channels: number };
      const fill = (v: number) => Array.from({ length: channels }, () => v);
      root.preprocessing = { ...(root.preprocessing as Record<string, Json>), height, width, channels, mean: fill(0), std: fill(1) };
    }
  } catch {
    // An unbuildable spec: the decoder must say so.
  }
  return rebuild(sortedJson(root), tensorData);
}

function mutateTensorValue(rng: Rng): Uint8Array {
  const data = parts.tensorData.slice();
  const view = new DataView(data.buffer);
  const at = 4 * rng.int(data.length / 4);
  if (rng.next() < 0.5) view.setUint32(at, rng.nextUint32(), true);
  else view.setFloat32(at, pick(rng, [NaN, Infinity, -Infinity, -0, 0, -1, 1e-40, 3.4e38, -3.4e38]), true);
  return rebuild(parts.metadata, data);
}

function mutateBytes(rng: Rng): Uint8Array {
  const bytes = good.slice();
  const r = rng.int(6);
  if (r === 0) {
    for (let k = 1 + rng.int(4); k > 0; k--) bytes[rng.int(bytes.length)] ^= 1 << rng.int(8);
    return bytes;
  }
  if (r === 1) {
    // Mostly in the header, where a single byte decides the most.
    for (let k = 1 + rng.int(4); k > 0; k--) bytes[rng.next() < 0.5 ? rng.int(32) : rng.int(bytes.length)] = pick(rng, [0, 0xff, rng.int(256)]);
    return rng.next() < 0.5 ? withCrc(bytes) : bytes;
  }
  if (r === 2) return good.slice(0, rng.int(good.length));
  const at = rng.int(good.length + 1);
  const n = 1 + rng.int(16);
  if (r === 3) return Uint8Array.from([...good.subarray(0, at), ...Array.from({ length: n }, () => rng.int(256)), ...good.subarray(at)]);
  if (r === 4) return Uint8Array.from([...good.subarray(0, at), ...good.subarray(at + n)]);
  return withCrc(Uint8Array.from([...good.subarray(0, at), ...good.subarray(at + n)]));
}

function mutateHeaderField(rng: Rng): Uint8Array {
  const bytes = good.slice();
  const view = new DataView(bytes.buffer);
  const offset = pick(rng, [8, 12, 16, 20, 24, 28]);
  const current = view.getUint32(offset, true);
  view.setUint32(offset, pick(rng, [...HUGE_U32, current + 4, current - 4, current + 1, rng.nextUint32()]) >>> 0, true);
  return rng.next() < 0.5 ? withCrc(bytes) : bytes;
}

const MUTATORS: [string, number, (rng: Rng) => Uint8Array][] = [
  ['bytes', 3, mutateBytes],
  ['header field', 2, mutateHeaderField],
  ['json tree', 3, mutateJsonTree],
  ['json text', 2, mutateJsonText],
  ['spec, made coherent', 3, mutateSpecCoherently],
  ['tensor value', 1, mutateTensorValue],
];

describe('model file decoding under fuzzing', () => {
  it(`${MUTATIONS} mutated files: a model that saves back identically, or a ModelFileError`, () => {
    const rng = new Rng(SEED);
    const totalWeight = MUTATORS.reduce((n, [, w]) => n + w, 0);
    const outcomes = new Map<string, number>();
    const tally = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    for (let i = 0; i < MUTATIONS; i++) {
      let roll = rng.int(totalWeight);
      const [name, , mutate] = MUTATORS.find(([, w]) => (roll -= w) < 0)!;
      const bytes = mutate(rng);
      const where = `mutation ${i} (${name})`;
      let decoded;
      try {
        decoded = decodeModelFile(bytes);
      } catch (e) {
        if (!(e instanceof ModelFileError)) throw new Error(`${where}: decode threw ${String(e)}`, { cause: e });
        expect(MODEL_FILE_ERROR_CODES, where).toContain(e.code);
        // The spec's own messages are kept as they are (see the report on parseSpec's generic zod wording).
        if (e.code !== 'bad-spec') expect(e.message, where).not.toMatch(/undefined|\[object |Invalid input|^$/);
        tally(e.code);
        continue;
      }
      if (!sameBytes(encodeModelFile(decoded), bytes)) throw new Error(`${where}: decoded, but does not save back to the same bytes`);
      tally('ok');
    }
    const seen = Object.fromEntries([...outcomes].sort());
    for (const code of ['ok', ...MODEL_FILE_ERROR_CODES]) expect(seen, `outcome ${code} never happened`).toHaveProperty(code);
  });
});
