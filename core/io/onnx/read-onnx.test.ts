// readOnnxExport refuses every damaged, truncated or foreign file with an OnnxFileError, and reads real exports.
import { describe, expect, it } from 'vitest';
import { randomModel, tinySpec } from '../model-file.fixtures.ts';
import { seedNet } from '../../spec/presets.ts';
import { Rng } from '../../util/rng.ts';
import { exportOnnx } from './export-onnx.ts';
import { inputContract, METADATA_KEYS } from './onnx-metadata.ts';
import { onnx } from './onnx-proto.js';
import { OnnxFileError, readOnnxExport } from './read-onnx.ts';

function refusal(bytes: Uint8Array): OnnxFileError | 'accepted' {
  try {
    readOnnxExport(bytes);
    return 'accepted';
  } catch (error) {
    if (error instanceof OnnxFileError) return error;
    throw error;
  }
}

describe('readOnnxExport', () => {
  it('reads class names and the input contract of an export', () => {
    const model = randomModel(seedNet(), 1);
    const info = readOnnxExport(exportOnnx(model));
    expect(info).toEqual({ classNames: model.classNames, contract: inputContract(model), irVersion: 8, opset: 13 });
  });

  it('refuses every truncation of an export with a clear error', () => {
    const bytes = exportOnnx(randomModel(tinySpec(), 2));
    for (let n = 0; n < bytes.length; n++) expect(refusal(bytes.subarray(0, n))).toBeInstanceOf(OnnxFileError);
  });

  it('refuses random bytes, empty files, other formats and foreign ONNX files', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 200; i++) {
      const junk = Uint8Array.from({ length: 1 + rng.int(4000) }, () => rng.int(256));
      expect(refusal(junk)).toBeInstanceOf(OnnxFileError);
    }
    expect(refusal(new Uint8Array(0))).toMatchObject({ code: 'not-onnx' });
    expect(refusal(new TextEncoder().encode('{"format":"filterbank-model"}'))).toBeInstanceOf(OnnxFileError);
    const foreign = onnx.ModelProto.encode({ irVersion: 8, graph: { node: [{ opType: 'Relu', input: ['x'], output: ['y'] }] } }).finish();
    expect(refusal(foreign)).toMatchObject({ code: 'not-filterbank' });
  });

  it('refuses external data, a future format version and metadata that contradicts the graph', () => {
    const edit = (change: (m: onnx.ModelProto) => void) => {
      const m = onnx.ModelProto.decode(exportOnnx(randomModel(tinySpec(), 4)));
      change(m);
      return onnx.ModelProto.encode(m).finish();
    };
    const setProp = (key: string, value: string) => (m: onnx.ModelProto) => {
      m.metadataProps.find((p) => p.key === key)!.value = value;
    };
    expect(refusal(edit((m) => {
      const t = m.graph!.initializer![0];
      t.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
      t.externalData = [{ key: 'location', value: 'weights.bin' }];
    }))).toMatchObject({ code: 'external-data' });
    expect(refusal(edit(setProp(METADATA_KEYS.formatVersion, '3')))).toMatchObject({ code: 'future-version' });
    expect(refusal(edit(setProp(METADATA_KEYS.classNames, '["a","b"]')))).toMatchObject({ code: 'inconsistent' });
    for (const bad of ['{"width":5', 'null', '7', '{"width":5}']) {
      expect(refusal(edit(setProp(METADATA_KEYS.preprocessing, bad)))).toMatchObject({ code: 'inconsistent' });
    }
    expect(refusal(edit(setProp(METADATA_KEYS.classNames, '{"a":1}')))).toMatchObject({ code: 'inconsistent' });
  });
});
