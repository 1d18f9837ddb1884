// A WebGPU program (after tfjs-backend-webgpu): a small object that describes one compute shader, its
// bindings and its shader key. The backend turns it into WGSL once per key and caches the compiled pipeline.

export type ScalarType = 'f32' | 'i32' | 'u32';

export interface StorageBinding {
  name: string;
  type: ScalarType;
  /** Written by the shader; read-only bindings may alias each other, written ones may not. */
  write?: boolean;
}

export interface UniformField {
  name: string;
  type: ScalarType;
}

export interface WebGpuProgram {
  /** Everything that changes the WGSL text; programs with equal keys share one compiled pipeline. */
  readonly shaderKey: string;
  /** Storage buffers, bound in this order at bindings 0, 1, … */
  readonly storage: readonly StorageBinding[];
  /** Per-dispatch scalars (sizes, geometry, hyperparameters), read as `u.<name>`; set once when prepared. */
  readonly uniforms: readonly UniformField[];
  /** Reads the per-step parameters (`stepParams.lr`, …) that the host writes before each submit. */
  readonly usesStep?: boolean;
  readonly workgroupSize: readonly [number, number, number];
  /** WGSL after the generated declarations: helpers and `@compute @workgroup_size(WG_X, WG_Y, WG_Z) fn main`. */
  readonly body: string;
}

/** The per-step parameters every step-dependent kernel reads; one uniform buffer, rewritten before each step. */
export const STEP_PARAMS_WGSL = `struct StepParams {
  lr: f32,
  // Adam: lr / (1 − β1ᵗ) and √(1 − β2ᵗ), computed on the host in float64.
  stepSize: f32,
  sqrtCorrection2: f32,
  // The step number (seeds dropout masks) and the metrics slot the loss of this step goes to.
  step: u32,
  slot: u32,
}`;

export interface StepParams {
  lr: number;
  stepSize: number;
  sqrtCorrection2: number;
  step: number;
  slot: number;
}

export const STEP_PARAMS_BYTES = 32;

export function packStepParams(p: StepParams): ArrayBuffer {
  const bytes = new ArrayBuffer(STEP_PARAMS_BYTES);
  const f = new Float32Array(bytes);
  const u = new Uint32Array(bytes);
  f[0] = p.lr;
  f[1] = p.stepSize;
  f[2] = p.sqrtCorrection2;
  u[3] = p.step >>> 0;
  u[4] = p.slot >>> 0;
  return bytes;
}

/** The complete WGSL source of a program: declarations generated from its bindings, then its body. */
export function programSource(p: WebGpuProgram): string {
  const lines: string[] = [];
  p.storage.forEach((s, i) => {
    lines.push(`@group(0) @binding(${i}) var<storage, ${s.write ? 'read_write' : 'read'}> ${s.name}: array<${s.type}>;`);
  });
  let next = p.storage.length;
  if (p.uniforms.length) {
    lines.push(`struct Uniforms {\n${p.uniforms.map((f) => `  ${f.name}: ${f.type},`).join('\n')}\n}`);
    lines.push(`@group(0) @binding(${next++}) var<uniform> u: Uniforms;`);
  }
  if (p.usesStep) {
    lines.push(STEP_PARAMS_WGSL);
    lines.push(`@group(0) @binding(${next}) var<uniform> stepParams: StepParams;`);
  }
  const [x, y, z] = p.workgroupSize;
  lines.push(`const WG_X: u32 = ${x}u;\nconst WG_Y: u32 = ${y}u;\nconst WG_Z: u32 = ${z}u;`);
  lines.push(p.body);
  return lines.join('\n');
}

/** Packs uniform values in field order (every field is a 4-byte scalar), padded to 16 bytes. */
export function packUniforms(fields: readonly UniformField[], values: readonly number[]): ArrayBuffer {
  if (values.length !== fields.length) throw new Error(`expected ${fields.length} uniform values, got ${values.length}`);
  const bytes = new ArrayBuffer(Math.ceil((fields.length * 4) / 16) * 16);
  const view = new DataView(bytes);
  fields.forEach((f, i) => {
    if (f.type === 'f32') view.setFloat32(i * 4, values[i], true);
    else if (f.type === 'i32') view.setInt32(i * 4, values[i], true);
    else view.setUint32(i * 4, values[i], true);
  });
  return bytes;
}

/** Read-only float bindings, named in binding order. */
export function reads(...names: string[]): StorageBinding[] {
  return names.map((name) => ({ name, type: 'f32' }));
}

/** A written float binding. */
export function writes(name: string): StorageBinding {
  return { name, type: 'f32', write: true };
}
