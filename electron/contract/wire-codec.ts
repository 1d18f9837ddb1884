// One message of the browser-mode WebSocket as one binary frame, so ArrayBuffers (images, uploads, tensors)
// cross as bytes, never as JSON arrays. Runs in the page and in Node: no Node modules, no Buffer.
//
// Frame: "FBW" + version (1 byte) | JSON length (u32 LE) | part count (u32 LE) | each part's length (u32 LE)
//        | the JSON (UTF-8), binaries replaced by {"$bin": i} or {"$bin": i, "$type": "Float32Array"} | the parts.
// Decoding trusts nothing: every length is checked against the frame before it is used.
import { MAX_UPLOAD_BYTES } from './request-schemas.ts';

/** The largest frame either side sends or accepts: one upload call's bytes plus generous room for its JSON. */
export const MAX_MESSAGE_BYTES = MAX_UPLOAD_BYTES + 44 * 2 ** 20;
/** Binary parts in one frame: an upload carries at most 64 files; answers carry a handful. */
export const MAX_BINARY_PARTS = 4096;
/** Nesting of the JSON: model specs are the deepest requests, a dozen levels at most. */
export const MAX_JSON_DEPTH = 64;

const MAGIC = [0x46, 0x42, 0x57] as const; // "FBW"
const VERSION = 1;
const FIXED_HEADER = 12;

const VIEW_TYPES = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array, DataView,
} as const;
type ViewType = keyof typeof VIEW_TYPES;

/** A frame that is not one we wrote, or one over a limit. The message says which check failed. */
export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
}

/** What the frames of the API socket carry: a call from the page, its answer, or an event for every page. */
export interface WireCall {
  readonly id: number;
  readonly call: string;
  readonly request: unknown;
}
export type WireAnswer =
  | { readonly id: number | null; readonly ok: true; readonly value: unknown }
  // id null: the frame was unreadable, so no call can be named.
  | { readonly id: number | null; readonly ok: false; readonly error: { readonly code: string; readonly field: string; readonly message: string } };
export interface WireEvent {
  readonly event: string;
  readonly payload: unknown;
}

export interface WireLimits {
  /** Frames larger than this are refused; default MAX_MESSAGE_BYTES. */
  readonly maxBytes?: number;
}

const isArrayBuffer = (v: unknown): v is ArrayBuffer => Object.prototype.toString.call(v) === '[object ArrayBuffer]';

// Keys that look like a placeholder's get one more '$' on the way out and lose it on the way in, so any object
// a caller sends comes back as it was.
const ESCAPED_KEY = /^\$+(bin|type)$/;

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, not assignment: a '__proto__' key must stay data, never become the object's prototype.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Encodes a JSON-able value in which ArrayBuffers and typed arrays may appear anywhere. */
export function encodeMessage(value: unknown, limits: WireLimits = {}): Uint8Array<ArrayBuffer> {
  const maxBytes = limits.maxBytes ?? MAX_MESSAGE_BYTES;
  const parts: Uint8Array[] = [];
  // The replacer sees the holder's raw value through `this`: a Buffer's toJSON has already run on `value`.
  let json: string | undefined;
  try {
    json = JSON.stringify(value, replacer);
  } catch (error) {
    // Cycles and BigInts: say so plainly rather than with the engine's wording of the day.
    throw new WireFormatError(`this value cannot be sent: ${error instanceof Error ? error.message : String(error)}`);
  }
  function replacer(this: Record<string, unknown>, key: string, replaced: unknown): unknown {
    const raw = this[key];
    if (isArrayBuffer(raw)) {
      parts.push(new Uint8Array(raw));
      return { $bin: parts.length - 1 };
    }
    if (ArrayBuffer.isView(raw)) {
      parts.push(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
      return { $bin: parts.length - 1, $type: viewType(raw) };
    }
    if (replaced !== null && typeof replaced === 'object' && !Array.isArray(replaced) && Object.keys(replaced).some((k) => ESCAPED_KEY.test(k))) {
      const escaped: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(replaced)) setOwn(escaped, ESCAPED_KEY.test(k) ? `$${k}` : k, v);
      return escaped;
    }
    return replaced;
  }
  if (json === undefined) throw new WireFormatError('this value cannot be sent: it has no JSON form');
  if (parts.length > MAX_BINARY_PARTS) throw new WireFormatError(`a message may carry at most ${MAX_BINARY_PARTS} binary parts, not ${parts.length}`);
  const text = new TextEncoder().encode(json);
  const headerBytes = FIXED_HEADER + 4 * parts.length;
  const total = parts.reduce((sum, p) => sum + p.byteLength, headerBytes + text.byteLength);
  if (total > maxBytes) throw new WireFormatError(`the message is ${megabytes(total)}, over the limit of ${megabytes(maxBytes)}`);

  const frame = new Uint8Array(total);
  const header = new DataView(frame.buffer);
  frame.set(MAGIC, 0);
  frame[3] = VERSION;
  header.setUint32(4, text.byteLength, true);
  header.setUint32(8, parts.length, true);
  parts.forEach((p, i) => header.setUint32(FIXED_HEADER + 4 * i, p.byteLength, true));
  frame.set(text, headerBytes);
  let at = headerBytes + text.byteLength;
  for (const p of parts) {
    frame.set(p, at);
    at += p.byteLength;
  }
  return frame;
}

/** Decodes a frame; binaries come back as fresh ArrayBuffers (or typed arrays of their type), never views of the frame. */
export function decodeMessage(frame: ArrayBuffer | Uint8Array, limits: WireLimits = {}): unknown {
  const maxBytes = limits.maxBytes ?? MAX_MESSAGE_BYTES;
  if (!isArrayBuffer(frame) && !(frame instanceof Uint8Array)) throw new WireFormatError('a frame must be binary');
  // A plain Uint8Array even for a Node Buffer, whose slice() would share memory instead of copying.
  const bytes = isArrayBuffer(frame) ? new Uint8Array(frame) : new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength);
  if (bytes.byteLength > maxBytes) throw new WireFormatError(`the frame is ${megabytes(bytes.byteLength)}, over the limit of ${megabytes(maxBytes)}`);
  if (bytes.byteLength < FIXED_HEADER) throw new WireFormatError(`the frame is ${bytes.byteLength} bytes, shorter than its header`);
  if (bytes[0] !== MAGIC[0] || bytes[1] !== MAGIC[1] || bytes[2] !== MAGIC[2]) throw new WireFormatError('the frame is not a Filterbank message');
  if (bytes[3] !== VERSION) throw new WireFormatError(`the frame is of version ${bytes[3]}; this side reads version ${VERSION}`);
  const header = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = header.getUint32(4, true);
  const count = header.getUint32(8, true);
  if (count > MAX_BINARY_PARTS) throw new WireFormatError(`the frame claims ${count} binary parts, over the limit of ${MAX_BINARY_PARTS}`);
  const headerBytes = FIXED_HEADER + 4 * count;
  if (headerBytes > bytes.byteLength) throw new WireFormatError('the frame is shorter than its header');
  const lengths: number[] = [];
  // Plain numbers cannot overflow here: at most 4097 lengths below 2^32 each.
  let total = headerBytes + jsonLength;
  for (let i = 0; i < count; i++) {
    lengths.push(header.getUint32(FIXED_HEADER + 4 * i, true));
    total += lengths[i];
  }
  if (total !== bytes.byteLength) throw new WireFormatError(`the frame's header describes ${total} bytes but the frame has ${bytes.byteLength}`);

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(headerBytes, headerBytes + jsonLength));
  } catch {
    throw new WireFormatError('the frame\'s JSON is not valid UTF-8');
  }
  checkDepth(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WireFormatError('the frame\'s JSON is malformed');
  }

  const offsets: number[] = [];
  let at = headerBytes + jsonLength;
  for (const length of lengths) {
    offsets.push(at);
    at += length;
  }
  const used = new Array<boolean>(count).fill(false);
  const part = (index: unknown, type: unknown): unknown => {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) throw new WireFormatError(`the frame refers to a binary part ${String(index)} it does not have`);
    if (used[index]) throw new WireFormatError(`the frame refers to binary part ${index} twice`);
    used[index] = true;
    // slice copies: the result owns exactly its bytes, aligned for any typed array, and the frame can be freed.
    const buffer = bytes.slice(offsets[index], offsets[index] + lengths[index]).buffer;
    if (type === undefined) return buffer;
    if (typeof type !== 'string' || !Object.hasOwn(VIEW_TYPES, type)) throw new WireFormatError(`the frame names an unknown binary type ${JSON.stringify(type)}`);
    const View = VIEW_TYPES[type as ViewType] as unknown as { new (buffer: ArrayBuffer): ArrayBufferView; BYTES_PER_ELEMENT?: number };
    const size = View.BYTES_PER_ELEMENT ?? 1;
    if (buffer.byteLength % size !== 0) throw new WireFormatError(`binary part ${index} is ${buffer.byteLength} bytes, not a whole number of ${type} elements`);
    return new View(buffer);
  };
  const value = restore(parsed, part);
  const unused = used.indexOf(false);
  if (unused !== -1) throw new WireFormatError(`binary part ${unused} of the frame is never referred to`);
  return value;
}

/** Replaces placeholders by their parts and unescapes keys; depth is already bounded by checkDepth. */
function restore(value: unknown, part: (index: unknown, type: unknown) => unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => restore(v, part));
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (Object.hasOwn(record, '$bin')) {
    if (keys.some((k) => k !== '$bin' && k !== '$type')) throw new WireFormatError('a binary placeholder of the frame has extra keys');
    return part(record.$bin, record.$type);
  }
  if (Object.hasOwn(record, '$type')) throw new WireFormatError('the frame has a binary type without a binary part');
  const out: Record<string, unknown> = {};
  for (const key of keys) setOwn(out, ESCAPED_KEY.test(key) ? key.slice(1) : key, restore(record[key], part));
  return out;
}

/** Refuses JSON nested deeper than MAX_JSON_DEPTH before parsing it, so nothing downstream recurses without bound. */
function checkDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) throw new WireFormatError(`the frame's JSON is nested deeper than ${MAX_JSON_DEPTH} levels`);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

function viewType(view: ArrayBufferView): ViewType {
  for (const [name, View] of Object.entries(VIEW_TYPES)) if (view instanceof View) return name as ViewType;
  // A view of another realm (an iframe, a vm context): its constructor's name is the same.
  const name = view.constructor?.name;
  if (typeof name === 'string' && Object.hasOwn(VIEW_TYPES, name)) return name as ViewType;
  return 'Uint8Array';
}

function megabytes(n: number): string {
  return `${(n / 2 ** 20).toFixed(1)} MiB`;
}
