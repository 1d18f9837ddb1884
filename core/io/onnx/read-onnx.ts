// Reads back what an exported ONNX file promises (classes, input contract) and refuses damaged, truncated or
// foreign files with a clear OnnxFileError before anything hands them to a runtime.
import { onnx } from './onnx-proto.js';
import { ONNX_INPUT, ONNX_OUTPUT } from './export-onnx.ts';
import { METADATA_KEYS, ONNX_EXPORT_FORMAT, ONNX_EXPORT_VERSION, type OnnxInputContract } from './onnx-metadata.ts';

export type OnnxFileErrorCode = 'not-onnx' | 'not-filterbank' | 'future-version' | 'external-data' | 'inconsistent';

export class OnnxFileError extends Error {
  override readonly name = 'OnnxFileError';
  constructor(
    readonly code: OnnxFileErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface OnnxExportInfo {
  classNames: string[];
  contract: OnnxInputContract;
  irVersion: number;
  opset: number;
}

/** Throws OnnxFileError, and nothing else, for a file that is not a complete Filterbank ONNX export. */
export function readOnnxExport(bytes: Uint8Array): OnnxExportInfo {
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new OnnxFileError('not-onnx', `not a valid ONNX file: it is damaged or truncated (${(error as Error).message})`, { cause: error });
  }
  const graph = model.graph;
  if (!graph || !graph.node?.length) throw new OnnxFileError('not-onnx', 'not a valid ONNX file: it holds no graph (damaged, truncated or another format)');
  const props = new Map((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? '']));
  if (props.get(METADATA_KEYS.format) !== ONNX_EXPORT_FORMAT) {
    throw new OnnxFileError('not-filterbank', 'this ONNX file was not exported by Filterbank (or is truncated): it has no Filterbank metadata');
  }
  const version = Number(props.get(METADATA_KEYS.formatVersion));
  if (!(version <= ONNX_EXPORT_VERSION)) {
    throw new OnnxFileError('future-version', `this ONNX export has format version ${props.get(METADATA_KEYS.formatVersion)}; update Filterbank to use it`);
  }
  for (const t of graph.initializer ?? []) {
    if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || t.externalData?.length) {
      throw new OnnxFileError('external-data', `ONNX tensor "${t.name}" is stored in a separate file; Filterbank exports keep every weight inside`);
    }
    const count = (t.dims ?? []).reduce((n: number, d) => n * Number(d), 1);
    if (t.dataType === onnx.TensorProto.DataType.FLOAT && t.rawData?.length !== 4 * count) {
      throw new OnnxFileError('inconsistent', `ONNX tensor "${t.name}" holds ${t.rawData?.length ?? 0} bytes but its shape needs ${4 * count}`);
    }
  }
  const classNames = parseJson<string[]>(props, METADATA_KEYS.classNames);
  const contract = parseJson<OnnxInputContract>(props, METADATA_KEYS.preprocessing);
  if (!props.has(METADATA_KEYS.training)) throw new OnnxFileError('inconsistent', 'ONNX export metadata is incomplete: the file is truncated');
  checkShapes(graph, classNames, contract);
  const opset = (model.opsetImport ?? []).find((o) => !o.domain)?.version;
  return { classNames, contract, irVersion: Number(model.irVersion), opset: Number(opset) };
}

function parseJson<T>(props: Map<string, string>, key: string): T {
  const text = props.get(key);
  if (text === undefined) throw new OnnxFileError('inconsistent', `ONNX export metadata has no "${key}": the file is damaged or truncated`);
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new OnnxFileError('inconsistent', `ONNX export metadata "${key}" is not valid JSON`, { cause: error });
  }
}

// The graph's declared input and output must be what the metadata says, or inputs built by the contract fail.
function checkShapes(graph: onnx.GraphProto.$Properties, classNames: unknown, c: OnnxInputContract): void {
  const dims = (name: string, list: onnx.ValueInfoProto.$Properties[] | null | undefined) =>
    list?.find((v) => v.name === name)?.type?.tensorType?.shape?.dim?.map((d) => (d.dimParam ? -1 : Number(d.dimValue)));
  const input = dims(ONNX_INPUT, graph.input)?.join(',');
  const output = dims(ONNX_OUTPUT, graph.output)?.join(',');
  if (!Array.isArray(classNames) || !classNames.every((n) => typeof n === 'string')) {
    throw new OnnxFileError('inconsistent', 'ONNX export metadata: class names must be a list of strings');
  }
  if (typeof c !== 'object' || c === null) throw new OnnxFileError('inconsistent', 'ONNX export metadata: the preprocessing is not an object');
  if (input !== `-1,${c.channels},${c.height},${c.width}`) {
    throw new OnnxFileError('inconsistent', `ONNX input "${ONNX_INPUT}" is not [N, ${c.channels}, ${c.height}, ${c.width}] as its preprocessing says`);
  }
  if (output !== `-1,${classNames.length}`) {
    throw new OnnxFileError('inconsistent', `ONNX output "${ONNX_OUTPUT}" is not [N, ${classNames.length}] for its ${classNames.length} classes`);
  }
}
