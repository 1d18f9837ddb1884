// The browser-mode frame codec: values with binaries anywhere come back as they went, and every frame that is
// not one we wrote (truncated, garbled, lying about its lengths, too big, too deep) is refused with a
// WireFormatError, never a crash or a hang.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/util/rng.ts';
import { decodeMessage, encodeMessage, MAX_BINARY_PARTS, MAX_JSON_DEPTH, MAX_MESSAGE_BYTES, WireFormatError } from './wire-codec.ts';
import { MAX_UPLOAD_BYTES } from './request-schemas.ts';

const roundTrip = (value: unknown) => decodeMessage(encodeMessage(value));
const bytesOf = (...values: number[]) => new Uint8Array(values).buffer;

/** A frame by hand: header fields as given, so tests can make it lie. */
function frame(json: string, parts: Uint8Array[], override: { jsonLength?: number; count?: number; lengths?: number[]; version?: number } = {}): Uint8Array {
  const text = new TextEncoder().encode(json);
  const lengths = override.lengths ?? parts.map((p) => p.byteLength);
  const header = new Uint8Array(12 + 4 * lengths.length);
  const view = new DataView(header.buffer);
  header.set([0x46, 0x42, 0x57, override.version ?? 1]);
  view.setUint32(4, override.jsonLength ?? text.byteLength, true);
  view.setUint32(8, override.count ?? lengths.length, true);
  lengths.forEach((n, i) => view.setUint32(12 + 4 * i, n, true));
  const out = new Uint8Array(header.byteLength + text.byteLength + parts.reduce((s, p) => s + p.byteLength, 0));
  out.set(header);
  out.set(text, header.byteLength);
  let at = header.byteLength + text.byteLength;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

describe('wire codec', () => {
  it('round-trips plain JSON values', () => {
    for (const value of [null, true, 0, -1.5, 'héllo ☃ 🐈', [], {}, [1, 'two', { three: [null] }], { id: 7, call: 'app.info', request: {} }]) {
      expect(roundTrip(value)).toEqual(value);
    }
  });

  it('carries ArrayBuffers anywhere, as fresh ArrayBuffers of exactly their bytes', () => {
    const image = bytesOf(0x89, 0x50, 0x4e, 0x47, 0, 255);
    const value = {
      id: 1,
      request: { project: 'p', files: [{ relativePath: 'a/b.png', bytes: image }, { relativePath: 'empty.jpg', bytes: new ArrayBuffer(0) }] },
      nested: [[[{ deep: bytesOf(1, 2, 3) }]]],
    };
    const decoded = roundTrip(value) as typeof value;
    const bytes = decoded.request.files[0].bytes;
    expect(bytes).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(bytes)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    expect(decoded.request.files[1].bytes).toBeInstanceOf(ArrayBuffer);
    expect(decoded.request.files[1].bytes.byteLength).toBe(0);
    expect([...new Uint8Array(decoded.nested[0][0][0].deep)]).toEqual([1, 2, 3]);
    expect(decoded.request.files[0].relativePath).toBe('a/b.png');
  });

  it('carries typed arrays as their own type, and views only their own bytes', () => {
    const backing = new Float32Array([9, 1.5, -2, 9]);
    const view = new Float32Array(backing.buffer, 4, 2);
    const decoded = roundTrip({ weights: view, ids: new Uint32Array([1, 2, 3]), data: new DataView(bytesOf(5, 6)), node: Buffer.from('hi') }) as Record<string, unknown>;
    expect(decoded.weights).toBeInstanceOf(Float32Array);
    expect([...(decoded.weights as Float32Array)]).toEqual([1.5, -2]);
    expect((decoded.weights as Float32Array).buffer.byteLength).toBe(8);
    expect([...(decoded.ids as Uint32Array)]).toEqual([1, 2, 3]);
    expect(decoded.data).toBeInstanceOf(DataView);
    // A Node Buffer is a Uint8Array: its bytes cross, not its { type: 'Buffer', data: [...] } JSON form.
    expect(decoded.node).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(decoded.node as Uint8Array)).toBe('hi');
  });

  it('keeps objects whose keys look like placeholders, and __proto__ keys as data', () => {
    const value = JSON.parse('{"$bin": 3, "$type": "x", "$$bin": [1], "a": {"$$$type": null}, "__proto__": {"polluted": true}}') as unknown;
    const decoded = roundTrip(value) as Record<string, unknown>;
    expect(decoded).toEqual(value);
    expect(Object.keys(decoded)).toEqual(['$bin', '$type', '$$bin', 'a', '__proto__']);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses to encode what has no faithful form, or is over the limit', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => encodeMessage(cycle)).toThrow(WireFormatError);
    expect(() => encodeMessage(10n)).toThrow(WireFormatError);
    expect(() => encodeMessage(undefined)).toThrow(WireFormatError);
    expect(() => encodeMessage({ bytes: new ArrayBuffer(2000) }, { maxBytes: 1000 })).toThrow(/over the limit/);
    expect(() => encodeMessage(Array.from({ length: MAX_BINARY_PARTS + 1 }, () => new ArrayBuffer(0)))).toThrow(/binary parts/);
  });

  it('ties the default limit to the largest upload', () => {
    expect(MAX_MESSAGE_BYTES).toBeGreaterThan(MAX_UPLOAD_BYTES);
    expect(MAX_MESSAGE_BYTES).toBeLessThanOrEqual(MAX_UPLOAD_BYTES + 64 * 2 ** 20);
  });

  it('refuses a frame over the size limit before reading it', () => {
    const big = encodeMessage({ bytes: new ArrayBuffer(4096) });
    expect(() => decodeMessage(big, { maxBytes: 4000 })).toThrow(/over the limit/);
    expect(decodeMessage(big, { maxBytes: big.byteLength })).toBeTruthy();
  });

  it('reads a frame from an ArrayBuffer or from a view into a larger buffer', () => {
    const encoded = encodeMessage({ a: bytesOf(1, 2) });
    const padded = new Uint8Array(encoded.byteLength + 10);
    padded.set(encoded, 7);
    const fromView = decodeMessage(padded.subarray(7, 7 + encoded.byteLength)) as { a: ArrayBuffer };
    expect([...new Uint8Array(fromView.a)]).toEqual([1, 2]);
    expect(decodeMessage(encoded.buffer)).toEqual(decodeMessage(encoded));
    // A Node Buffer from a shared pool: the part must own its two bytes, not the pool.
    const pooled = Buffer.concat([Buffer.alloc(100), Buffer.from(encoded)]).subarray(100);
    const fromBuffer = decodeMessage(pooled) as { a: ArrayBuffer };
    expect(fromBuffer.a.byteLength).toBe(2);
    expect([...new Uint8Array(fromBuffer.a)]).toEqual([1, 2]);
  });

  it('refuses frames that lie or break the rules, each with its reason', () => {
    const one = [new Uint8Array([1, 2, 3])];
    const cases: [string, Uint8Array, RegExp][] = [
      ['not ours', new TextEncoder().encode('{"id":1,"call":"app.info"}'), /not a Filterbank message/],
      ['newer version', frame('{}', [], { version: 2 }), /version 2/],
      ['json length past the end', frame('{}', [], { jsonLength: 1e9 }), /describes/],
      ['part length past the end', frame('{"$bin":0}', one, { lengths: [2 ** 32 - 1] }), /describes/],
      ['trailing bytes', new Uint8Array([...frame('{}', []), 0]), /describes/],
      ['huge part count', frame('{}', [], { count: 2 ** 32 - 1 }), /binary parts/],
      ['part count past the header', frame('{}', [], { count: 1000 }), /shorter than its header/],
      ['malformed JSON', frame('{"a":', []), /malformed/],
      ['invalid UTF-8', (() => { const f = frame('"ab"', []); f[13] = 0xff; return f; })(), /UTF-8/],
      ['placeholder of a missing part', frame('{"$bin":1}', one), /does not have/],
      ['placeholder index not an integer', frame('{"$bin":"0"}', one), /does not have/],
      ['part referred to twice', frame('[{"$bin":0},{"$bin":0}]', one), /twice/],
      ['part never referred to', frame('{}', one), /never referred/],
      ['placeholder with extra keys', frame('{"$bin":0,"x":1}', one), /extra keys/],
      ['type without a part', frame('{"$type":"Uint8Array"}', []), /without a binary part/],
      ['unknown type', frame('{"$bin":0,"$type":"Function"}', one), /unknown binary type/],
      ['prototype as a type', frame('{"$bin":0,"$type":"constructor"}', one), /unknown binary type/],
      ['ragged elements', frame('{"$bin":0,"$type":"Float32Array"}', one), /whole number/],
      ['too deep', frame('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1), []), /nested deeper/],
      ['short', new Uint8Array([0x46, 0x42]), /shorter than its header/],
    ];
    for (const [what, bytes, reason] of cases) expect(() => decodeMessage(bytes), what).toThrow(reason);
    // The depth limit counts brackets, not brackets inside strings.
    expect(decodeMessage(frame(JSON.stringify({ s: '[[[['.repeat(100) + '\\"' }), []))).toEqual({ s: '[[[['.repeat(100) + '\\"' });
  });

  it('refuses every truncation of a real frame, and never crashes on garbled ones', () => {
    const real = encodeMessage({ id: 3, call: 'imports.upload', request: { files: [{ relativePath: 'x.png', bytes: bytesOf(...Array.from({ length: 40 }, (_, i) => i)) }, { relativePath: 'e', bytes: new ArrayBuffer(0) }] } });
    for (let n = 0; n < real.byteLength; n++) expect(() => decodeMessage(real.subarray(0, n)), `first ${n} bytes`).toThrow(WireFormatError);

    const rng = new Rng(42);
    let refused = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const garbled = real.slice();
      for (let k = 1 + rng.int(4); k > 0; k--) garbled[rng.int(garbled.length)] = rng.int(256);
      try {
        decodeMessage(garbled);
      } catch (error) {
        // Anything other than our own error (a RangeError from a DataView, a TypeError) would be a crash.
        expect(error).toBeInstanceOf(WireFormatError);
        refused++;
      }
    }
    // Most changes land in the header or the JSON; changes in the binary part's bytes decode, as they should.
    expect(refused).toBeGreaterThan(1000);

    for (let trial = 0; trial < 1000; trial++) {
      const noise = new Uint8Array(rng.int(64));
      for (let i = 0; i < noise.length; i++) noise[i] = rng.int(256);
      if (trial % 2 === 0 && noise.length >= 4) noise.set([0x46, 0x42, 0x57, 1]);
      expect(() => decodeMessage(noise)).toThrow(WireFormatError);
    }
  });
});
