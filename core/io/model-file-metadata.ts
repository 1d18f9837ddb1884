// The JSON half of a model file: every field checked the same way when saving and loading, and written in one
// canonical form (keys sorted, no whitespace), so the bytes of a file are a function of the model alone.
import { analyzeSpec, parseSpec, type ModelSummary } from '../spec/analyze.ts';
import type { ModelSpec } from '../spec/model-spec.ts';
import { tensorLayout, type TensorEntry } from '../spec/parameters.ts';
import { SpecError } from '../spec/spec-error.ts';
import { canonicalJson } from '../util/canonical-json.ts';
import { count, ModelFileError } from './model-file-errors.ts';
import { MAX_METADATA_BYTES } from './model-file-format.ts';
import { preprocessingSchema, storedPreprocessing, type Preprocessing } from './preprocessing.ts';


export const METADATA_FORMAT = 'filterbank-model';
export const MAX_CLASSES = 10_000;
export const MAX_CLASS_NAME_LENGTH = 200;
export const MAX_TRAINING_JSON_LENGTH = 2 ** 20;
export const MAX_TRAINING_DEPTH = 32;

const FIELDS = ['classNames', 'format', 'preprocessing', 'spec', 'tensors', 'training'] as const;

/** The metadata of a model once every field has been checked against the others. */
export interface ModelMetadata {
  spec: ModelSpec;
  summary: ModelSummary;
  layout: TensorEntry[];
  classNames: string[];
  preprocessing: Preprocessing;
  training: Record<string, unknown>;
}

/** Checks the four user-facing fields, in the order a reader wants to hear about problems. */
export function checkMetadata(fields: { spec: unknown; classNames: unknown; preprocessing: unknown; training: unknown }): ModelMetadata {
  const { spec, summary } = checkSpec(fields.spec);
  return {
    spec,
    summary,
    layout: tensorLayout(summary),
    preprocessing: checkPreprocessing(fields.preprocessing, spec),
    classNames: checkClassNames(fields.classNames, summary.outputShape[2]),
    training: checkTraining(fields.training),
  };
}

export function encodeMetadata(metadata: ModelMetadata): Uint8Array {
  const bytes = new TextEncoder().encode(metadataText(metadata));
  if (bytes.length > MAX_METADATA_BYTES) {
    throw new ModelFileError('too-large', `model metadata is ${count(bytes.length)} bytes; at most ${count(MAX_METADATA_BYTES)} are allowed`);
  }
  return bytes;
}

export function decodeMetadata(bytes: Uint8Array): ModelMetadata {
  let text: string;
  try {
    // ignoreBOM keeps a byte-order mark in the text, where JSON.parse refuses it, rather than dropping it silently.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ModelFileError('bad-metadata', 'model metadata is not valid UTF-8 text');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ModelFileError('bad-metadata', `model metadata is not valid JSON: ${(e as Error).message}`);
  }
  if (!isPlainObject(json)) throw new ModelFileError('bad-metadata', 'model metadata must be a JSON object');
  for (const key of Object.keys(json)) {
    if (!(FIELDS as readonly string[]).includes(key)) throw new ModelFileError('bad-metadata', `model metadata has an unknown field ${quote(key)}`);
  }
  for (const key of FIELDS) {
    if (!Object.hasOwn(json, key)) throw new ModelFileError('bad-metadata', `model metadata has no ${quote(key)} field`);
  }
  if (json.format !== METADATA_FORMAT) {
    throw new ModelFileError('bad-metadata', `model metadata format is ${describe(json.format)}, expected "${METADATA_FORMAT}"`);
  }
  const metadata = checkMetadata({ spec: json.spec, classNames: json.classNames, preprocessing: json.preprocessing, training: json.training });
  checkTensorTable(json.tensors, metadata.layout);
  // One accepted spelling per model: then every file we accept saves back byte for byte, and equal models have equal files.
  const canonical = metadataText(metadata);
  if (canonical !== text) {
    let at = 0;
    while (at < text.length && text[at] === canonical[at]) at++;
    throw new ModelFileError(
      'bad-metadata',
      `model metadata is not in canonical form (keys sorted, no spaces, numbers written shortest); it differs at character ${count(at + 1)}`,
    );
  }
  return metadata;
}

function metadataText(m: ModelMetadata): string {
  return canonicalJson({
    format: METADATA_FORMAT,
    spec: m.spec,
    classNames: m.classNames,
    preprocessing: storedPreprocessing(m.preprocessing),
    training: m.training,
    tensors: m.layout.map((entry) => ({ name: entry.name, shape: entry.shape })),
  });
}

function checkSpec(raw: unknown): { spec: ModelSpec; summary: ModelSummary } {
  try {
    const spec = parseSpec(raw);
    return { spec, summary: analyzeSpec(spec) };
  } catch (e) {
    if (e instanceof SpecError) throw new ModelFileError('bad-spec', `the model's network cannot be built: ${e.message}`, { cause: e });
    throw e;
  }
}

function checkPreprocessing(raw: unknown, spec: ModelSpec): Preprocessing {
  const parsed = preprocessingSchema.safeParse(raw);
  if (!parsed.success) throw new ModelFileError('bad-metadata', `model preprocessing ${preprocessingProblem(parsed.error.issues[0], raw)}`);
  const p = parsed.data;
  const { height, width, channels } = spec.input;
  if (p.height !== height || p.width !== width || p.channels !== channels) {
    throw new ModelFileError(
      'bad-metadata',
      `model preprocessing makes ${p.height}×${p.width}×${p.channels} inputs but the network takes ${height}×${width}×${channels}`,
    );
  }
  return p;
}

// zod's own wording ("Invalid input: expected number, received undefined") is for programmers; say it plainly.
function preprocessingProblem(issue: { code: string; path: PropertyKey[]; message: string; expected?: string; keys?: string[] }, raw: unknown): string {
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && issue.keys) return `has an unknown field ${quote(issue.keys[0])}`;
  if (issue.code === 'invalid_type') {
    if (field === '') return `is ${describe(raw)}, not a JSON object`;
    if (issue.path.length === 1 && isPlainObject(raw) && !Object.hasOwn(raw, field)) return `has no ${quote(field)} field`;
    return `${field} must be ${issue.expected === 'int' ? 'a whole number' : `of type ${issue.expected}`}`;
  }
  return `${field}${field ? ': ' : ''}${issue.message}`;
}

function checkClassNames(raw: unknown, outputs: number): string[] {
  if (!Array.isArray(raw)) throw new ModelFileError('bad-metadata', 'model class names must be a list of names');
  if (raw.length === 0) throw new ModelFileError('bad-metadata', 'model has no class names; it needs at least one');
  if (raw.length > MAX_CLASSES) {
    throw new ModelFileError('bad-metadata', `model has ${count(raw.length)} class names; at most ${count(MAX_CLASSES)} are allowed`);
  }
  const seen = new Set<string>();
  raw.forEach((name: unknown, i) => {
    const which = `class name ${i + 1}`;
    if (typeof name !== 'string') throw new ModelFileError('bad-metadata', `${which} is ${describe(name)}, not text`);
    if (name.length === 0) throw new ModelFileError('bad-metadata', `${which} is empty`);
    if (name.length > MAX_CLASS_NAME_LENGTH && Array.from(name).length > MAX_CLASS_NAME_LENGTH) {
      throw new ModelFileError('bad-metadata', `${which} is longer than ${MAX_CLASS_NAME_LENGTH} characters`);
    }
    // Names end up in tables, CSV files and folder names, where control characters and broken surrogates do harm.
    if (/[\p{Cc}\p{Cs}]/u.test(name)) throw new ModelFileError('bad-metadata', `${which} ${quote(name)} contains a control character or broken Unicode`);
    if (seen.has(name)) throw new ModelFileError('bad-metadata', `class name ${quote(name)} appears more than once`);
    seen.add(name);
  });
  if (raw.length !== outputs) {
    throw new ModelFileError('bad-metadata', `model names ${count(raw.length)} classes but its network has ${count(outputs)} outputs`);
  }
  return raw as string[];
}

function checkTraining(raw: unknown): Record<string, unknown> {
  if (!isPlainObject(raw)) throw new ModelFileError('bad-metadata', `model training summary is ${describe(raw)}, not a JSON object`);
  checkJsonValue(raw, ['training'], 0);
  const length = canonicalJson(raw).length;
  if (length > MAX_TRAINING_JSON_LENGTH) {
    throw new ModelFileError(
      'bad-metadata',
      `model training summary is ${count(length)} characters of JSON; at most ${count(MAX_TRAINING_JSON_LENGTH)} are allowed`,
    );
  }
  return raw;
}

// Only values that survive JSON unchanged, so a summary reads back exactly as it was saved.
// The depth limit also bounds this recursion (and canonicalJson's) on a hostile file.
function checkJsonValue(value: unknown, path: (string | number)[], depth: number): void {
  const fail = (what: string) => new ModelFileError('bad-metadata', `model ${formatPath(path)} ${what}`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw fail(`is ${value}; only finite numbers can be stored`);
    return;
  }
  if (typeof value !== 'object') throw fail(`is ${describe(value)}, which JSON cannot hold`);
  if (depth >= MAX_TRAINING_DEPTH) throw fail(`is nested more than ${MAX_TRAINING_DEPTH} levels deep`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw fail(`has a gap at index ${i}`);
      path.push(i);
      checkJsonValue(value[i], path, depth + 1);
      path.pop();
    }
    return;
  }
  if (!isPlainObject(value)) throw fail(`is ${describe(value)}, which JSON cannot hold`);
  for (const key of Object.keys(value)) {
    path.push(key);
    if (key === '__proto__') throw fail('is a key that JavaScript objects cannot hold safely');
    checkJsonValue(value[key], path, depth + 1);
    path.pop();
  }
}

function checkTensorTable(raw: unknown, layout: TensorEntry[]): void {
  const fail = (what: string) => new ModelFileError('bad-tensors', `model tensor table does not match its network: ${what}`);
  if (!Array.isArray(raw)) throw fail(`it is ${describe(raw)}, not a list`);
  for (let i = 0; i < Math.min(raw.length, layout.length); i++) {
    const expected = layout[i];
    if (!sameEntry(raw[i], expected)) {
      throw fail(`entry ${i + 1} is ${describeEntry(raw[i])} where the network needs "${expected.name}" ${shapeText(expected.shape)}`);
    }
  }
  if (raw.length !== layout.length) throw fail(`it lists ${count(raw.length)} tensors, the network has ${count(layout.length)}`);
}

function sameEntry(raw: unknown, expected: TensorEntry): boolean {
  if (!isPlainObject(raw)) return false;
  const keys = Object.keys(raw);
  if (keys.length !== 2 || raw.name !== expected.name || !Array.isArray(raw.shape)) return false;
  const shape = raw.shape as unknown[];
  return shape.length === expected.shape.length && shape.every((d, i) => d === expected.shape[i]);
}

function describeEntry(raw: unknown): string {
  if (!isPlainObject(raw) || typeof raw.name !== 'string') return 'not a tensor description';
  const shape = raw.shape;
  const dims = Array.isArray(shape) && shape.length <= 8 && shape.every((d) => typeof d === 'number') ? ` ${shapeText(shape as number[])}` : '';
  return `${quote(raw.name)}${dims}`;
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join('×')}]`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A short, safe rendering of an untrusted value for a message. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return isPlainObject(value) ? 'an object' : `a ${value.constructor?.name ?? 'non-JSON'} object`;
  return typeof value === 'undefined' ? 'missing' : `a ${typeof value}`;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${quote(p)}]`)).join('');
}
