// Turns a Filterbank ONNX export back into the model it was made from, so the app can run the .onnx itself.
// Weights come from the graph's initializers (what every ONNX runtime runs), never from metadata; the file is
// accepted only when exporting the result gives back the same graph, so what we run is what the file runs.
//
// Undoing the exporter's weight permutations: a probe model with the same spec, whose every value is its own
// position in its tensor, is exported, and each probe initializer says where each value came from. The
// exporter's layout logic then lives in one place, and the positions are read back exactly: a position is
// stored as the float32 whose bit pattern is that integer (a denormal or tiny float, always finite), which
// the exporter copies without arithmetic. LIMITS.maxParameters (2^28) keeps every position far below the
// first NaN pattern (0x7F800000).
import { checkMetadata, type ModelMetadata } from '../model-file-metadata.ts';
import { ModelFileError } from '../model-file-errors.ts';
import type { ModelFile } from '../model-file.ts';
import type { Preprocessing } from '../preprocessing.ts';
import { sizeOf } from '../../tensor.ts';
import { canonicalJson } from '../../util/canonical-json.ts';
import { exportOnnx } from './export-onnx.ts';
import { inputContract, METADATA_KEYS, type OnnxInputContract } from './onnx-metadata.ts';
import { onnx } from './onnx-proto.js';
import { OnnxFileError, readOnnxExport } from './read-onnx.ts';

/** Throws OnnxFileError for every file that is not exactly what Filterbank exports for some model. */
export function modelFileFromOnnx(bytes: Uint8Array): ModelFile {
  const info = readOnnxExport(bytes);
  const file = onnx.ModelProto.decode(bytes);
  const metadata = checkedMetadata(file, info.classNames, info.contract);
  const fields = { spec: metadata.spec, classNames: metadata.classNames, preprocessing: metadata.preprocessing, training: metadata.training };
  if (canonicalJson(info.contract) !== canonicalJson(inputContract({ ...fields, tensors: new Map() }))) {
    throw new OnnxFileError('inconsistent', `ONNX export metadata "${METADATA_KEYS.preprocessing}" is not what Filterbank writes for its model: it was edited after export`);
  }
  // The structure first, against the probe (any export of this spec has the same graph), so a missing or
  // reshaped initializer is reported as an edit before any weight is read.
  const probe = onnx.ModelProto.decode(exportOnnx({ ...fields, tensors: probeTensors(metadata) }));
  check(differenceFromExport(file, probe, { values: false }));
  const model: ModelFile = { ...fields, tensors: weightsFromGraph(file, probe, metadata) };
  let again: Uint8Array;
  try {
    again = exportOnnx(model);
  } catch (error) {
    // A weight the engine cannot run, such as a negative running variance.
    if (error instanceof ModelFileError) throw new OnnxFileError('inconsistent', `ONNX export holds weights Filterbank cannot run: ${error.message}`, { cause: error });
    throw error;
  }
  // The proof: our export of what we read is the file's graph, values included.
  check(differenceFromExport(file, onnx.ModelProto.decode(again), { values: true }));
  return model;
}

function check(difference: string | null): void {
  if (difference !== null) throw new OnnxFileError('inconsistent', `${difference}; the graph was edited after export, so Filterbank will not run it`);
}

function checkedMetadata(file: onnx.ModelProto, classNames: string[], contract: OnnxInputContract): ModelMetadata {
  const props = new Map(file.metadataProps.map((p) => [p.key ?? '', p.value ?? '']));
  const preprocessing: Preprocessing = {
    width: contract.width,
    height: contract.height,
    channels: contract.channels,
    resize: contract.resize,
    fill: contract.fill,
    mean: contract.mean,
    std: contract.std,
    // Only `true` is ever written; anything else fails the comparison with our own contract above.
    jpegDraft: contract.jpegDraft === true,
  };
  try {
    return checkMetadata({ spec: json(props, METADATA_KEYS.spec), classNames, preprocessing, training: json(props, METADATA_KEYS.training) });
  } catch (error) {
    if (error instanceof ModelFileError) {
      throw new OnnxFileError('inconsistent', `ONNX export metadata does not describe a model Filterbank can run: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

function json(props: Map<string, string>, key: string): unknown {
  try {
    return JSON.parse(props.get(key) ?? '');
  } catch (error) {
    throw new OnnxFileError('inconsistent', `ONNX export metadata "${key}" is missing or not valid JSON`, { cause: error });
  }
}

/** Each tensor's values are their own positions, as float32 bit patterns. */
function probeTensors(metadata: ModelMetadata): Map<string, Float32Array> {
  return new Map(
    metadata.layout.map((entry) => {
      const positions = new Uint32Array(sizeOf(entry.shape));
      for (let i = 0; i < positions.length; i++) positions[i] = i;
      return [entry.name, new Float32Array(positions.buffer)];
    }),
  );
}

/**
 * Our tensors from the file's initializers: probe initializer `layer<n>.<role>` belongs to tensor
 * `layers.<n − 1>.<role>`, and its value j is the position that the file's value j comes from.
 */
function weightsFromGraph(file: onnx.ModelProto, probe: onnx.ModelProto, metadata: ModelMetadata): Map<string, Float32Array> {
  const fileTensors = new Map((file.graph!.initializer ?? []).map((t) => [t.name ?? '', t]));
  const tensors = new Map(metadata.layout.map((entry) => [entry.name, new Float32Array(sizeOf(entry.shape))]));
  const filled = new Map<string, number>();
  for (const p of probe.graph!.initializer ?? []) {
    if (p.dataType !== onnx.TensorProto.DataType.FLOAT) continue;
    const match = /^layer(\d+)\.(\w+)$/.exec(p.name ?? '');
    const target = match ? tensors.get(`layers.${Number(match[1]) - 1}.${match[2]}`) : undefined;
    if (!target) throw new Error(`the ONNX exporter wrote an initializer "${p.name}" that names no tensor of the model`);
    // The structural comparison has already matched names, types and shapes, so the file has this tensor.
    const source = little(fileTensors.get(p.name!)!.rawData!);
    const positions = little(p.rawData!);
    for (let j = 0; j < target.length; j++) {
      const value = source.getFloat32(4 * j, true);
      if (!Number.isFinite(value)) {
        throw new OnnxFileError('inconsistent', `ONNX tensor "${p.name}" holds ${value} at position ${j}; every weight must be a finite number`);
      }
      target[positions.getUint32(4 * j, true)] = value;
    }
    filled.set(p.name!, target.length);
  }
  // Every value of every tensor must have come from the file; a tensor the exporter left out would read as zeros.
  const expected = metadata.layout.reduce((n, entry) => n + sizeOf(entry.shape), 0);
  const read = [...filled.values()].reduce((n, k) => n + k, 0);
  if (read !== expected) throw new Error(`the ONNX exporter wrote ${read} weights of the model's ${expected}`);
  return tensors;
}

function little(raw: Uint8Array): DataView {
  return new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
}

/**
 * The first way the file's graph differs from our export, in words, or null: operator sets, declared inputs and
 * outputs, every node (type, inputs, outputs, attributes) and every initializer (name, type, shape, int64
 * values, and with `values` the float data too). Node names and doc strings are labels and may differ.
 */
function differenceFromExport(file: onnx.ModelProto, ours: onnx.ModelProto, options: { values: boolean }): string | null {
  const opsets = (m: onnx.ModelProto) => m.opsetImport.map((o) => `${o.domain || 'ai.onnx'} ${Number(o.version)}`).join(', ');
  if (opsets(file) !== opsets(ours)) return `the file imports operator set ${opsets(file)} where Filterbank exports ${opsets(ours)}`;
  const [g, e] = [file.graph!, ours.graph!];
  for (const side of ['input', 'output'] as const) {
    const [a, b] = [(g[side] ?? []).map(valueInfoText).join(', '), (e[side] ?? []).map(valueInfoText).join(', ')];
    if (a !== b) return `the graph's ${side} is ${a || 'nothing'} where Filterbank exports ${b}`;
  }
  return nodesDifference(g.node ?? [], e.node ?? []) ?? initializersDifference(g, e, options.values);
}

function valueInfoText(v: onnx.ValueInfoProto.$Properties): string {
  const t = v.type?.tensorType;
  const dims = (t?.shape?.dim ?? []).map((d) => d.dimParam || String(Number(d.dimValue ?? 0)));
  return `"${v.name}" (type ${t?.elemType ?? 'none'}, [${dims.join(', ')}])`;
}

function nodesDifference(nodes: onnx.NodeProto.$Properties[], ours: onnx.NodeProto.$Properties[]): string | null {
  for (let i = 0; i < Math.max(nodes.length, ours.length); i++) {
    if (i >= nodes.length) return `node ${i + 1} (${ours[i].opType}) is missing: the graph has ${nodes.length} nodes where Filterbank exports ${ours.length}`;
    if (i >= ours.length) return `node ${i + 1} (${label(nodes[i])}) is extra: the graph has ${nodes.length} nodes where Filterbank exports ${ours.length}`;
    const difference = nodeDifference(nodes[i], ours[i]);
    if (difference === null) continue;
    // A removed node shifts the rest: say so rather than describe its successor as changed.
    if (nodes.length < ours.length && nodeDifference(nodes[i], ours[i + 1]) === null) return `node ${i + 1} (${ours[i].opType}) is missing`;
    if (nodes.length > ours.length && nodeDifference(nodes[i + 1], ours[i]) === null) return `node ${i + 1} (${label(nodes[i])}) is extra`;
    return `node ${i + 1} (${label(nodes[i])}) ${difference}`;
  }
  return null;
}

function label(node: onnx.NodeProto.$Properties): string {
  return node.name ? `${node.opType} "${node.name}"` : `${node.opType}`;
}

function nodeDifference(node: onnx.NodeProto.$Properties, ours: onnx.NodeProto.$Properties): string | null {
  if (node.opType !== ours.opType || (node.domain ?? '') !== (ours.domain ?? '')) {
    return `is ${node.domain ? `${node.domain}.` : ''}${node.opType} where Filterbank exports ${ours.opType}`;
  }
  for (const side of ['input', 'output'] as const) {
    const [a, b] = [JSON.stringify(node[side] ?? []), JSON.stringify(ours[side] ?? [])];
    if (a !== b) return `has ${side}s ${a} where Filterbank exports ${b}`;
  }
  const attributes = new Map((node.attribute ?? []).map((a) => [a.name ?? '', a]));
  for (const a of ours.attribute ?? []) {
    const found = attributes.get(a.name!);
    if (!found) return `has no attribute "${a.name}" (Filterbank exports ${a.name} = ${shown(a)})`;
    if (canonicalJson(attributeValue(found)) !== canonicalJson(attributeValue(a))) {
      return `has attribute ${a.name} = ${shown(found)} where Filterbank exports ${shown(a)}`;
    }
    attributes.delete(a.name!);
  }
  const [extra] = attributes.keys();
  return extra === undefined ? null : `has an attribute "${extra}" that Filterbank does not export`;
}

/** Everything an attribute can hold, in comparable form (int64 values as numbers, bytes as arrays). */
function attributeValue(a: onnx.AttributeProto.$Properties): unknown {
  return {
    type: a.type ?? 0,
    f: a.f ?? 0,
    i: Number(a.i ?? 0),
    s: Array.from(a.s ?? []),
    ints: (a.ints ?? []).map(Number),
    floats: a.floats ?? [],
    strings: (a.strings ?? []).map((s) => Array.from(s)),
    ref: a.refAttrName ?? '',
    // Tensors, graphs and types are never in our exports; their presence alone is a difference.
    nested: [a.t, a.g, a.sparseTensor, a.tp].map((x) => x != null).concat([a.tensors, a.graphs, a.sparseTensors, a.typeProtos].map((x) => (x?.length ?? 0) > 0)),
  };
}

function shown(a: onnx.AttributeProto.$Properties): string {
  if (a.ints?.length) return `[${a.ints.map(Number).join(', ')}]`;
  if (a.floats?.length) return `[${a.floats.join(', ')}]`;
  if (a.s?.length) return JSON.stringify(new TextDecoder().decode(a.s));
  return a.type === onnx.AttributeProto.AttributeType.FLOAT ? String(a.f ?? 0) : String(Number(a.i ?? 0));
}

function initializersDifference(g: onnx.GraphProto.$Properties, ours: onnx.GraphProto.$Properties, values: boolean): string | null {
  if (g.sparseInitializer?.length) return 'the graph has sparse initializers, which Filterbank does not export';
  const found = new Map((g.initializer ?? []).map((t) => [t.name ?? '', t]));
  for (const t of ours.initializer ?? []) {
    const f = found.get(t.name!);
    const name = `initializer "${t.name}"`;
    if (!f) return `${name} is missing`;
    const [dims, ourDims] = [(f.dims ?? []).map(Number).join('×'), (t.dims ?? []).map(Number).join('×')];
    if (f.dataType !== t.dataType) return `${name} has data type ${f.dataType} where Filterbank exports ${t.dataType}`;
    if (dims !== ourDims) return `${name} has shape [${dims}] where Filterbank exports [${ourDims}]`;
    if (t.dataType === onnx.TensorProto.DataType.INT64 && int64Values(f).join() !== int64Values(t).join()) {
      return `${name} holds [${int64Values(f).join(', ')}] where Filterbank exports [${int64Values(t).join(', ')}]`;
    }
    if (values && t.dataType === onnx.TensorProto.DataType.FLOAT && !sameBytes(f.rawData!, t.rawData!)) {
      return `${name} does not read back as the values it holds`;
    }
    found.delete(t.name!);
  }
  const [extra] = found.keys();
  if (extra !== undefined) return `the graph has an initializer "${extra}" that Filterbank does not export`;
  // Only a name given twice is left: which copy a runtime uses is its own choice.
  const [count, ourCount] = [g.initializer?.length ?? 0, ours.initializer?.length ?? 0];
  return count === ourCount ? null : `the graph has ${count} initializers where Filterbank exports ${ourCount} (a name appears twice)`;
}

/** int64 values as stored by us (int64_data) or by tools that rewrite tensors as raw little-endian bytes. */
function int64Values(t: onnx.TensorProto.$Properties): number[] {
  if (t.int64Data?.length || !t.rawData?.length) return (t.int64Data ?? []).map(Number);
  const view = little(t.rawData);
  return Array.from({ length: t.rawData.length >> 3 }, (_, i) => Number(view.getBigInt64(8 * i, true)));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
