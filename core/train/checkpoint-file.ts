// Checkpoints as bytes, for the worker that writes them after each epoch and the run that resumes from them.
//
//   offset  size  field
//   0       8     magic 89 46 42 43 0D 0A 1A 0A ("\x89FBC\r\n\x1a\n", PNG-style like .fbmodel)
//   8       4     format version, u32 = 1
//   12      4     state byte length S, u32 (≤ 64 MiB)
//   16      S     state: canonical JSON (counters, random streams, early stopping, history, tensor table)
//   16 + S  P     zero padding to a multiple of 4
//   D       T     float32 values of the tensors in table order (weights, optimizer slots, best weights)
//   D + T   4     CRC-32 of every byte before it
// Little-endian throughout. Any damage gives a CheckpointError; the caller then falls back to an older one.
import { z } from 'zod';
import { canonicalJson } from '../util/canonical-json.ts';
import { crc32 } from '../util/crc32.ts';
import type { Checkpoint } from './checkpoint.ts';

const MAGIC = Uint8Array.of(0x89, 0x46, 0x42, 0x43, 0x0d, 0x0a, 0x1a, 0x0a);
const VERSION = 1;
const HEADER_BYTES = 16;
const MAX_STATE_BYTES = 64 * 2 ** 20;

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

const u32 = z.number().int().min(0).max(2 ** 32 - 1);
const rngState = z.tuple([u32, u32, u32, u32]);
const metric = z.number().nullable();
const stateSchema = z.strictObject({
  epoch: z.number().int().min(0),
  step: z.number().int().min(0),
  optimizerSteps: z.number().int().min(0),
  rng: z.strictObject({ shuffle: rngState, augment: rngState, dropout: rngState }),
  // JSON has no Infinity: a run that has not yet improved stores null.
  early: z.strictObject({ bestLoss: metric, bestEpoch: z.number().int().min(-1), badEpochs: z.number().int().min(0) }),
  history: z.array(
    z.strictObject({
      epoch: z.number().int().min(0),
      trainLoss: z.number(),
      trainAccuracy: z.number(),
      validationLoss: metric,
      validationAccuracy: metric,
      learningRate: z.number(),
      seconds: z.number(),
    }),
  ),
  tensors: z.array(
    z.strictObject({
      group: z.enum(['weights', 'optimizer', 'best']),
      name: z.string().min(1).max(300),
      length: z.number().int().min(0),
    }),
  ),
});

type TensorGroup = 'weights' | 'optimizer' | 'best';

export function encodeCheckpoint(c: Checkpoint): Uint8Array {
  const groups: Array<[TensorGroup, Map<string, Float32Array> | null]> = [
    ['weights', c.tensors],
    ['optimizer', c.optimizer.slots],
    ['best', c.early.bestTensors],
  ];
  const table = groups.flatMap(([group, map]) => [...(map ?? [])].map(([name, t]) => ({ group, name, length: t.length, t })));
  const state = canonicalJson({
    epoch: c.epoch,
    step: c.step,
    optimizerSteps: c.optimizer.steps,
    rng: c.rng,
    early: { bestLoss: Number.isFinite(c.early.bestLoss) ? c.early.bestLoss : null, bestEpoch: c.early.bestEpoch, badEpochs: c.early.badEpochs },
    history: c.history,
    tensors: table.map(({ group, name, length }) => ({ group, name, length })),
  });
  const stateBytes = new TextEncoder().encode(state);
  const dataOffset = align4(HEADER_BYTES + stateBytes.length);
  const dataBytes = 4 * table.reduce((n, e) => n + e.length, 0);
  const out = new Uint8Array(dataOffset + dataBytes + 4);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(8, VERSION, true);
  view.setUint32(12, stateBytes.length, true);
  out.set(stateBytes, HEADER_BYTES);
  let at = dataOffset;
  for (const { t } of table) {
    for (let i = 0; i < t.length; i++, at += 4) view.setFloat32(at, t[i], true);
  }
  view.setUint32(at, crc32(out.subarray(0, at)), true);
  return out;
}

export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  if (bytes.length < HEADER_BYTES + 4) throw new CheckpointError(`checkpoint is truncated: ${bytes.length} bytes`);
  if (!MAGIC.every((b, i) => bytes[i] === b)) throw new CheckpointError('not a Filterbank checkpoint (wrong signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== VERSION) throw new CheckpointError(`checkpoint format version ${version} is not supported (this Filterbank reads ${VERSION})`);
  const stateLength = view.getUint32(12, true);
  if (stateLength > MAX_STATE_BYTES || HEADER_BYTES + stateLength + 4 > bytes.length) {
    throw new CheckpointError(`checkpoint is truncated: its state needs ${stateLength} bytes`);
  }
  const end = bytes.length - 4;
  if (view.getUint32(end, true) !== crc32(bytes.subarray(0, end))) throw new CheckpointError('checkpoint is damaged (checksum mismatch)');
  let state: z.infer<typeof stateSchema>;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + stateLength));
    state = stateSchema.parse(JSON.parse(text));
  } catch (e) {
    throw new CheckpointError(`checkpoint state is unreadable: ${e instanceof Error ? e.message.slice(0, 200) : String(e)}`);
  }
  const dataOffset = align4(HEADER_BYTES + stateLength);
  const needed = 4 * state.tensors.reduce((n, e) => n + e.length, 0);
  if (dataOffset + needed !== end) throw new CheckpointError(`checkpoint holds ${end - dataOffset} bytes of tensors, its table lists ${needed}`);
  const groups = { weights: new Map<string, Float32Array>(), optimizer: new Map<string, Float32Array>(), best: new Map<string, Float32Array>() };
  let at = dataOffset;
  for (const { group, name, length } of state.tensors) {
    const t = new Float32Array(length);
    for (let i = 0; i < length; i++, at += 4) t[i] = view.getFloat32(at, true);
    groups[group].set(name, t);
  }
  return {
    epoch: state.epoch,
    step: state.step,
    tensors: groups.weights,
    optimizer: { steps: state.optimizerSteps, slots: groups.optimizer },
    rng: state.rng,
    early: {
      bestLoss: state.early.bestLoss ?? Infinity,
      bestEpoch: state.early.bestEpoch,
      badEpochs: state.early.badEpochs,
      bestTensors: groups.best.size ? groups.best : null,
    },
    history: state.history,
  };
}

function align4(n: number): number {
  return n + ((4 - (n % 4)) % 4);
}
