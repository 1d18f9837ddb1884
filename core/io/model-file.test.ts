// The .fbmodel format: exact round trips for the presets and every layer type, the byte layout itself, and
// one hand-made file per way a file can be wrong, each refused with its own code and a message that says what.
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../spec/analyze.ts';
import type { ModelSpec } from '../spec/model-spec.ts';
import { tensorLayout } from '../spec/parameters.ts';
import { seedNet, smallVgg } from '../spec/presets.ts';
import { SpecError } from '../spec/spec-error.ts';
import { decodeModelFile, encodeModelFile, ModelFileError, type ModelFile, type ModelFileErrorCode } from './model-file.ts';
import { craftFile, everyLayerSpec, FILE_MAGIC, randomModel, sameBytes, sortedJson, splitFile, tinySpec } from './model-file.fixtures.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function expectError(fn: () => unknown, code: ModelFileErrorCode, message?: RegExp | string): ModelFileError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFileError);
    const error = e as ModelFileError;
    expect({ code: error.code, message: error.message }).toMatchObject({ code });
    if (message) expect(error.message).toMatch(message);
    return error;
  }
  throw new Error(`expected ModelFileError ${code}, but nothing was thrown`);
}

/** toEqual, with tensors compared as bytes (vitest's deep equality takes seconds over W2's half-million weights). */
function expectSameModel(actual: ModelFile, expected: ModelFile): void {
  const { tensors: a, ...rest } = actual;
  const { tensors: b, ...expectedRest } = expected;
  expect(rest).toEqual(expectedRest);
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [name, t] of a) {
    const u = b.get(name)!;
    expect(t).toBeInstanceOf(Float32Array);
    expect(sameBytes(new Uint8Array(t.buffer, t.byteOffset, t.byteLength), new Uint8Array(u.buffer, u.byteOffset, u.byteLength)), name).toBe(true);
  }
}

const training = { epochs: 12, accuracy: 0.9731, finishedAt: '2025-05-01T10:00:00Z', history: [{ loss: 2.3 }, { loss: 0.41 }], notes: null };

describe('model file round trip', () => {
  const cases: [string, ModelSpec][] = [
    ['W1 seed net', seedNet(10)],
    ['W2 small VGG', smallVgg(10)],
    ['every layer type, with batch norm and dropout', everyLayerSpec()],
  ];
  it.each(cases)('%s: decode(encode(m)) equals m and re-encoding is byte-identical', (_, spec) => {
    const model = randomModel(spec, 42, training);
    const bytes = encodeModelFile(model);
    const decoded = decodeModelFile(bytes);
    expectSameModel(decoded, model);
    expect([...decoded.tensors.keys()]).toEqual(tensorLayout(analyzeSpec(spec)).map((e) => e.name));
    expect(sameBytes(encodeModelFile(decoded), bytes)).toBe(true);
  });

  it('writes the documented layout', () => {
    const model = randomModel(tinySpec(), 1, { epochs: 1 });
    const bytes = encodeModelFile(model);
    const view = new DataView(bytes.buffer);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x46, 0x42, 0x4d, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(view.getUint32(8, true)).toBe(1);
    expect(view.getUint32(12, true)).toBe(0);
    const metadataLength = view.getUint32(16, true);
    expect(view.getUint32(20, true)).toBe(0);
    const tensorLength = view.getUint32(24, true) + view.getUint32(28, true) * 2 ** 32;
    const tensorOffset = Math.ceil((32 + metadataLength) / 4) * 4;
    expect(bytes.length).toBe(tensorOffset + tensorLength + 4);
    expect(bytes.subarray(32 + metadataLength, tensorOffset).every((b) => b === 0)).toBe(true);
    expect(view.getUint32(bytes.length - 4, true)).toBe(zlibCrc32(bytes.subarray(0, bytes.length - 4)));

    const metadata = text(bytes.subarray(32, 32 + metadataLength));
    expect(metadata.startsWith('{"classNames":["class 0","class 1","class 2"],"format":"filterbank-model","preprocessing":{')).toBe(true);
    expect(metadata).toContain('"tensors":[{"name":"layers.0.weight","shape":[2,3,3,1]},{"name":"layers.0.bias","shape":[2]},');
    expect(metadata.endsWith(',"training":{"epochs":1}}')).toBe(true);
    // Tensors back to back, little-endian float32, in layout order.
    expect(view.getFloat32(tensorOffset, true)).toBe(model.tensors.get('layers.0.weight')![0]);
    const last = model.tensors.get('layers.4.bias')!;
    expect(view.getFloat32(bytes.length - 8, true)).toBe(last[last.length - 1]);
  });

  it('writes the same bytes whatever the key order of the objects it is given', () => {
    const model = randomModel(tinySpec(), 3, { b: 1, a: { d: [1, { z: 0, y: 'x' }], c: true } });
    const shuffled: ModelFile = {
      ...model,
      training: { a: { c: true, d: [1, { y: 'x', z: 0 }] }, b: 1 },
      preprocessing: { jpegDraft: false, std: [1], mean: [0], fill: 0, resize: 'letterbox', channels: 1, width: 4, height: 4 },
      tensors: new Map([...model.tensors].reverse()),
    };
    expect(sameBytes(encodeModelFile(shuffled), encodeModelFile(model))).toBe(true);
  });

  it('reads from an unaligned view and shares no memory with it', () => {
    const bytes = encodeModelFile(randomModel(tinySpec(), 5));
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 1);
    const view = padded.subarray(1, 1 + bytes.length);
    const decoded = decodeModelFile(view);
    const weight = decoded.tensors.get('layers.0.weight')!;
    const before = weight[0];
    padded.fill(0);
    expect(weight[0]).toBe(before);
    for (const t of decoded.tensors.values()) expect(t.buffer).not.toBe(padded.buffer);
  });

  it('keeps unusual but valid values exactly: -0, subnormals, the largest float32, unicode names', () => {
    const model = randomModel(seedNet(3), 9, { note: 'ünïcödé ✓ 🐈', nested: { empty: [], deep: [[[1e-7]]] } });
    model.classNames = ['chat 🐈', 'hund', '犬'];
    const w = model.tensors.get('layers.0.weight')!;
    w[0] = -0;
    w[1] = 1e-45;
    w[2] = 3.4028234663852886e38;
    const decoded = decodeModelFile(encodeModelFile(model));
    expectSameModel(decoded, model);
    expect(Object.is(decoded.tensors.get('layers.0.weight')![0], -0)).toBe(true);
  });
});

describe('model file encoding refuses models it could not read back', () => {
  const base = () => randomModel(tinySpec(), 11);
  it.each<[string, (m: ModelFile) => void, ModelFileErrorCode, RegExp]>([
    ['an impossible spec', (m) => (m.spec = { ...m.spec, layers: [{ type: 'conv2d', filters: 2, kernel: 9 }, { type: 'softmax' }] }), 'bad-spec', /kernel 9 on a 4×4 input/],
    ['a class count that is not the output count', (m) => m.classNames.pop(), 'bad-metadata', /names 2 classes but its network has 3 outputs/],
    ['duplicate class names', (m) => (m.classNames[2] = 'class 0'), 'bad-metadata', /"class 0" appears more than once/],
    ['an empty class name', (m) => (m.classNames[1] = ''), 'bad-metadata', /class name 2 is empty/],
    ['a class name with a control character', (m) => (m.classNames[0] = 'a\nb'), 'bad-metadata', /control character/],
    ['a class name over 200 characters', (m) => (m.classNames[0] = 'x'.repeat(201)), 'bad-metadata', /longer than 200/],
    ['preprocessing for another input size', (m) => (m.preprocessing = { ...m.preprocessing, width: 5 }), 'bad-metadata', /makes 4×5×1 inputs but the network takes 4×4×1/],
    ['a Date in the training summary', (m) => (m.training = { at: new Date(0) }), 'bad-metadata', /training\.at is a Date object/],
    ['Infinity in the training summary', (m) => (m.training = { loss: [1, Infinity] }), 'bad-metadata', /training\.loss\[1\] is Infinity/],
    ['undefined in the training summary', (m) => (m.training = { x: undefined }), 'bad-metadata', /training\.x is missing/],
    ['a training summary nested too deeply', (m) => (m.training = { x: JSON.parse('['.repeat(40) + ']'.repeat(40)) }), 'bad-metadata', /nested more than 32/],
    ['a missing tensor', (m) => m.tensors.delete('layers.1.beta'), 'bad-tensors', /no tensor "layers.1.beta"/],
    ['an extra tensor', (m) => m.tensors.set('layers.9.weight', new Float32Array(1)), 'bad-tensors', /"layers.9.weight" does not belong/],
    ['a tensor of the wrong size', (m) => m.tensors.set('layers.0.bias', new Float32Array(3)), 'bad-tensors', /has 3 values; its shape \[2\] needs 2/],
    ['a Float64Array tensor', (m) => m.tensors.set('layers.0.bias', new Float64Array(2) as unknown as Float32Array), 'bad-tensors', /must be a Float32Array/],
    ['a NaN weight', (m) => (m.tensors.get('layers.4.weight')![7] = NaN), 'bad-tensors', /"layers.4.weight" holds NaN at index 7/],
    ['a negative running variance', (m) => (m.tensors.get('layers.1.runningVar')![1] = -1), 'bad-tensors', /negative variance -1 at index 1/],
  ])('%s', (_, change, code, message) => {
    const model = base();
    change(model);
    expectError(() => encodeModelFile(model), code, message);
  });

  it('keeps the SpecError as the cause, so the editor can offer its fixes', () => {
    const model = base();
    model.spec = { ...model.spec, layers: [{ type: 'dense', units: 3 }] };
    const error = expectError(() => encodeModelFile(model), 'bad-spec', /must end with a softmax output/);
    expect(error.cause).toBeInstanceOf(SpecError);
    expect((error.cause as SpecError).fixes.length).toBeGreaterThan(0);
  });
});

describe('model file decoding refuses a damaged or foreign file', () => {
  const model = randomModel(tinySpec(), 21, { epochs: 3 });
  const good = encodeModelFile(model);
  const { metadata, tensorData } = splitFile(good);
  const metadataText = text(metadata);
  const withMetadata = (change: (json: Record<string, unknown>) => void) => {
    const json = JSON.parse(metadataText) as Record<string, unknown>;
    change(json);
    return craftFile({ metadata: utf8(sortedJson(json)), tensorData });
  };

  it('accepts the file the fixture builder makes, so each case below differs from a good file in one way', () => {
    expect(sameBytes(craftFile({ metadata, tensorData }), good)).toBe(true);
  });

  it.each([0, 5, 8, 11, 20, 35, 36, 100, good.length - tensorData.length - 4, good.length - 5, good.length - 1])('truncated to %i bytes', (n) => {
    const [expected, found] = [good.length.toLocaleString('en-US'), n.toLocaleString('en-US')];
    const message = n === 0 ? 'model file is empty (0 bytes)' : n < 36 ? `expected at least 36 bytes, found ${n}` : `expected ${expected} bytes, found ${found}`;
    expectError(() => decodeModelFile(good.slice(0, n)), 'truncated', message);
  });

  it('says how many bytes were expected, with thousands separators', () => {
    const big = encodeModelFile(randomModel(seedNet(10), 1));
    expectError(() => decodeModelFile(big.slice(0, 1024)), 'truncated', `model file is truncated: expected ${big.length.toLocaleString('en-US')} bytes, found 1,024`);
  });

  it('wrong magic: another format, and a model file that went through a text-mode transfer', () => {
    expectError(() => decodeModelFile(utf8('{"input":{"height":28}}'.padEnd(64))), 'bad-magic', /not a Filterbank model file/);
    expectError(() => decodeModelFile(Uint8Array.of(0x50, 0x4b, 3, 4)), 'bad-magic');
    const crlfToLf = Uint8Array.from([...good.subarray(0, 4), 0x0a, ...good.subarray(6)]);
    expectError(() => decodeModelFile(crlfToLf), 'bad-magic', /text-mode transfer/);
    expectError(() => decodeModelFile(craftFile({ metadata, tensorData, magic: Uint8Array.of(0x09, ...FILE_MAGIC.subarray(1)) })), 'bad-magic', /text-mode/);
  });

  it('version 2 asks the user to update Filterbank; version 0 is malformed', () => {
    expectError(() => decodeModelFile(craftFile({ metadata, tensorData, version: 2 })), 'future-version', /format version 2.*update Filterbank/);
    // A newer format may have a shorter header: the version is read before anything else.
    expectError(() => decodeModelFile(craftFile({ metadata, tensorData, version: 2 }).slice(0, 12)), 'future-version');
    expectError(() => decodeModelFile(craftFile({ metadata, tensorData, version: 0 })), 'bad-header', /format version 0 does not exist/);
  });

  it('non-zero flags, reserved field, padding or trailing bytes', () => {
    expectError(() => decodeModelFile(craftFile({ metadata, tensorData, flags: 4 })), 'bad-header', /unknown flags 0x00000004/);
    expectError(() => decodeModelFile(craftFile({ metadata, tensorData, reserved: 1 })), 'bad-header', /reserved field is 1/);
    const unaligned = [30, 300, 3000].map((epochs) => utf8(sortedJson({ ...JSON.parse(metadataText), training: { epochs } }))).find((m) => m.length % 4 !== 0)!;
    expect((32 + unaligned.length) % 4).not.toBe(0);
    expectError(() => decodeModelFile(craftFile({ metadata: unaligned, tensorData, paddingByte: 0x20 })), 'bad-header', /non-zero padding byte/);
    expectError(() => decodeModelFile(Uint8Array.from([...good, 0])), 'bad-header', /1 unexpected bytes after its end/);
  });

  it('metadata length larger than the file', () => {
    expectError(() => decodeModelFile(craftFile({ metadata, tensorData, metadataLength: good.length })), 'truncated', /expected [\d,]+ bytes, found/);
  });

  it('absurd lengths are refused before anything is allocated', () => {
    expectError(() => decodeModelFile(craftFile({ metadata, tensorData, tensorLength: 2 ** 40 })), 'too-large', /tensor data is 1,099,511,627,776 bytes; at most 2,147,483,648/);
    expectError(() => decodeModelFile(craftFile({ metadata, tensorData, metadataLength: 0xffffffff })), 'too-large', /metadata is 4,294,967,295 bytes/);
    expectError(() => decodeModelFile(craftFile({ metadata, tensorData, tensorLength: tensorData.length + 2 })), 'bad-header', /not a whole number of float32/);
  });

  it('bad checksum, and a single flipped bit anywhere in the body', () => {
    expectError(() => decodeModelFile(craftFile({ metadata, tensorData, checksum: 0xdeadbeef })), 'checksum', /checksum is 0xdeadbeef/);
    for (const at of [40, 32 + metadata.length - 1, good.length - 20, good.length - 1]) {
      const flipped = good.slice();
      flipped[at] ^= 0x10;
      expectError(() => decodeModelFile(flipped), 'checksum', /file changed after it was saved/);
    }
  });

  it('valid checksum but invalid UTF-8, invalid JSON or the wrong JSON', () => {
    const bad = (m: Uint8Array) => decodeModelFile(craftFile({ metadata: m, tensorData }));
    expectError(() => bad(Uint8Array.of(0x7b, 0xff, 0x7d)), 'bad-metadata', 'not valid UTF-8');
    expectError(() => bad(metadata.subarray(0, metadata.length - 1)), 'bad-metadata', /not valid JSON/);
    expectError(() => bad(utf8('\ufeff' + metadataText)), 'bad-metadata', /not valid JSON/);
    expectError(() => bad(utf8('[1,2]')), 'bad-metadata', /must be a JSON object/);
    expectError(() => bad(withMetadataText((j) => (j.extra = 1))), 'bad-metadata', /unknown field "extra"/);
    expectError(() => bad(withMetadataText((j) => delete j.training)), 'bad-metadata', /no "training" field/);
    expectError(() => bad(withMetadataText((j) => (j.format = 'onnx'))), 'bad-metadata', /format is "onnx"/);
  });

  it('metadata that is valid but not canonical: whitespace, key order, number spelling', () => {
    const bad = (m: string) => decodeModelFile(craftFile({ metadata: utf8(m), tensorData }));
    expectError(() => bad(JSON.stringify(JSON.parse(metadataText), null, 1)), 'bad-metadata', /not in canonical form.*character 2/);
    expectError(() => bad(metadataText.replace('"epochs":3', '"epochs":3.0')), 'bad-metadata', /not in canonical form/);
    expectError(() => bad(metadataText.replace('"epochs":3', '"epochs":-0')), 'bad-metadata', /not in canonical form/);
    expectError(() => bad(metadataText.replace('"epochs":3', '"epochs":1e999')), 'bad-metadata', /training\.epochs is Infinity/);
    const p = JSON.parse(metadataText) as { preprocessing: Record<string, unknown> };
    delete p.preprocessing.fill;
    expectError(() => bad(sortedJson(p)), 'bad-metadata', /not in canonical form/);
  });

  it('valid JSON but a spec with an impossible layer keeps the spec error message', () => {
    const file = withMetadata((j) => ((j.spec as ModelSpec).layers[0] = { type: 'conv2d', filters: 2, kernel: 7, padding: 1 }));
    const error = expectError(
      () => decodeModelFile(file),
      'bad-spec',
      "the model's network cannot be built: layer 1 conv2d: kernel 7 on a 4×4 input with padding 1; use padding ≥ 2 or a kernel ≤ 6",
    );
    expect(error.cause).toBeInstanceOf(SpecError);
    expectError(() => decodeModelFile(withMetadata((j) => ((j.spec as ModelSpec).layers[4] = { type: 'pool' } as never))), 'bad-spec', /layer 5 pool: unknown layer type/);
  });

  it('class count mismatch, and other bad class names', () => {
    expectError(() => decodeModelFile(withMetadata((j) => (j.classNames as string[]).push('extra'))), 'bad-metadata', 'model names 4 classes but its network has 3 outputs');
    expectError(() => decodeModelFile(withMetadata((j) => (j.classNames = []))), 'bad-metadata', /no class names/);
    expectError(() => decodeModelFile(withMetadata((j) => (j.classNames = [1, 2, 3]))), 'bad-metadata', 'class name 1 is 1, not text');
    expectError(() => decodeModelFile(withMetadata((j) => (j.classNames = Array(10_001).fill('x')))), 'bad-metadata', /10,001 class names; at most 10,000/);
    expectError(() => decodeModelFile(withMetadata((j) => ((j.classNames as string[])[1] = '\ud800'))), 'bad-metadata', /broken Unicode/);
  });

  it('preprocessing that is invalid or for another input', () => {
    const pre = (change: (p: Record<string, unknown>) => void) => withMetadata((j) => change(j.preprocessing as Record<string, unknown>));
    expectError(() => decodeModelFile(pre((p) => (p.resize = 'zoom'))), 'bad-metadata', /preprocessing resize: resize must be one of stretch, crop, letterbox/);
    expectError(() => decodeModelFile(pre((p) => (p.std = [0]))), 'bad-metadata', /std values must be > 0/);
    expectError(() => decodeModelFile(pre((p) => ((p.channels = 3), (p.mean = [0, 0, 0]), (p.std = [1, 1, 1])))), 'bad-metadata', /makes 4×4×3 inputs but the network takes 4×4×1/);
  });

  it('jpegDraft: absent means off (files from before it keep their bytes), stored only when on, a boolean', () => {
    expect(metadataText).not.toContain('jpegDraft');
    expect(decodeModelFile(good).preprocessing.jpegDraft).toBe(false);
    const on = decodeModelFile(withMetadata((j) => ((j.preprocessing as Record<string, unknown>).jpegDraft = true)));
    expect(on.preprocessing.jpegDraft).toBe(true);
    expect(text(splitFile(encodeModelFile(on)).metadata)).toContain('"jpegDraft":true');
    // One spelling per model: an explicit false is the absent field written another way.
    expectError(() => decodeModelFile(withMetadata((j) => ((j.preprocessing as Record<string, unknown>).jpegDraft = false))), 'bad-metadata', /not in canonical form/);
    expectError(() => decodeModelFile(withMetadata((j) => ((j.preprocessing as Record<string, unknown>).jpegDraft = 1))), 'bad-metadata', /jpegDraft must be of type boolean/);
  });

  it('training summary that is not an object or holds a __proto__ key', () => {
    expectError(() => decodeModelFile(withMetadata((j) => (j.training = [1]))), 'bad-metadata', /training summary is a list, not a JSON object/);
    const file = craftFile({ metadata: utf8(metadataText.replace('"training":{"epochs":3}', '"training":{"__proto__":{"x":1}}')), tensorData });
    expectError(() => decodeModelFile(file), 'bad-metadata', /training\.__proto__ is a key/);
  });

  it('tensor table mismatch: renamed, reshaped, reordered, missing or extra', () => {
    type Table = { name: string; shape: number[] }[];
    const table = (change: (t: Table) => void) => withMetadata((j) => change(j.tensors as Table));
    expectError(() => decodeModelFile(table((t) => (t[0].name = 'conv.weight'))), 'bad-tensors', 'entry 1 is "conv.weight" [2×3×3×1] where the network needs "layers.0.weight" [2×3×3×1]');
    expectError(() => decodeModelFile(table((t) => (t[0].shape = [2, 1, 3, 3]))), 'bad-tensors', /entry 1 is "layers.0.weight" \[2×1×3×3\]/);
    expectError(() => decodeModelFile(table((t) => t.reverse())), 'bad-tensors', /entry 1 is "layers.4.bias"/);
    expectError(() => decodeModelFile(table((t) => t.pop())), 'bad-tensors', /lists 7 tensors, the network has 8/);
    expectError(() => decodeModelFile(table((t) => t.push({ name: 'x', shape: [1] }))), 'bad-tensors', /lists 9 tensors, the network has 8/);
    expectError(() => decodeModelFile(table((t) => ((t[2] as unknown as Record<string, unknown>).dtype = 'f32'))), 'bad-tensors', /entry 3 is "layers.1.gamma"/);
  });

  it('tensor data of the wrong length for the table', () => {
    const file = craftFile({ metadata, tensorData: tensorData.subarray(0, tensorData.length - 4) });
    expectError(() => decodeModelFile(file), 'bad-tensors', `model file holds ${tensorData.length - 4} bytes of weights but its network needs ${tensorData.length}`);
  });

  it('a NaN or infinite weight', () => {
    for (const [value, shown] of [[NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity']] as const) {
      const data = tensorData.slice();
      new DataView(data.buffer).setFloat32(4 * 5, value, true);
      expectError(() => decodeModelFile(craftFile({ metadata, tensorData: data })), 'bad-tensors', `model tensor "layers.0.weight" holds ${shown} at index 5`);
    }
  });

  function withMetadataText(change: (json: Record<string, unknown>) => void): Uint8Array {
    const json = JSON.parse(metadataText) as Record<string, unknown>;
    change(json);
    return utf8(sortedJson(json));
  }
});
