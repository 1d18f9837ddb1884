// A small builder for an ONNX graph (nodes, initializers, unique names) over the generated protobuf types.
import { onnx } from './onnx-proto.js';

type Attribute = number | number[] | string;

export class GraphBuilder {
  readonly nodes: onnx.NodeProto.$Properties[] = [];
  readonly initializers: onnx.TensorProto.$Properties[] = [];
  private readonly used = new Set<string>();

  /** A fresh value name: layer names repeat across exports, so collisions are resolved here once. */
  name(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Adds a float32 constant, stored inline as little-endian raw_data (never as external data). */
  floats(base: string, dims: readonly number[], values: ArrayLike<number>): string {
    const raw = new Uint8Array(values.length * 4);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
    const name = this.name(base);
    this.initializers.push({ name, dims: [...dims], dataType: onnx.TensorProto.DataType.FLOAT, rawData: raw });
    return name;
  }

  /** Adds an int64 constant (shapes for Reshape). */
  int64s(base: string, values: readonly number[]): string {
    const name = this.name(base);
    this.initializers.push({ name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, int64Data: [...values] });
    return name;
  }

  /** Appends a node in the default domain and returns its single output's name. */
  node(opType: string, inputs: readonly string[], attributes: Record<string, Attribute> = {}, output?: string): string {
    const out = output ?? this.name(opType.toLowerCase());
    if (output) this.used.add(output);
    this.nodes.push({
      name: this.name(`${opType}_node`),
      opType,
      input: [...inputs],
      output: [out],
      attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
    });
    return out;
  }
}

function attribute(name: string, value: Attribute): onnx.AttributeProto.$Properties {
  const A = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: A.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: A.INTS, ints: value };
  // ONNX fixes each attribute's type by name; a float written as INT (alpha = 1) would be refused.
  return FLOAT_ATTRIBUTES.has(name) ? { name, type: A.FLOAT, f: value } : { name, type: A.INT, i: value };
}

const FLOAT_ATTRIBUTES = new Set(['epsilon', 'alpha']);

/** A float32 tensor type whose first dimension is the symbolic batch size `N`. */
export function batchedFloatType(name: string, dims: readonly number[]): onnx.ValueInfoProto.$Properties {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'N' }, ...dims.map((dimValue) => ({ dimValue }))] },
      },
    },
  };
}
