// The yardstick for our kernels' FLOP/s: a plain tiled WGSL matrix multiply (C = A·B, row-major float32, sizes
// multiples of the block), register-blocked as any textbook SGEMM is. Each of 16×16 threads computes TM×TN
// outputs strided by 16, so a workgroup covers a (16·TM)×(16·TN) block and stages BK columns of A and rows of B.

export interface SgemmShape {
  tm: number;
  tn: number;
  bk: number;
}

export interface SgemmFigure {
  size: number;
  shape: string;
  tflop_per_s: number;
}

function shader({ tm, tn, bk }: SgemmShape): string {
  const BM = 16 * tm;
  const BN = 16 * tn;
  return `
@group(0) @binding(0) var<storage, read> A: array<f32>;
@group(0) @binding(1) var<storage, read> B: array<f32>;
@group(0) @binding(2) var<storage, read_write> C: array<f32>;
struct Sizes { M: u32, N: u32, K: u32 }
@group(0) @binding(3) var<uniform> u: Sizes;
const TM = ${tm}u;
const TN = ${tn}u;
const BK = ${bk}u;
const BM = ${BM}u;
const BN = ${BN}u;
var<workgroup> As: array<f32, ${bk * BM}>;
var<workgroup> Bs: array<f32, ${bk * BN}>;

@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let tid = lid.y * 16u + lid.x;
  let row0 = wid.y * BM;
  let col0 = wid.x * BN;
  var acc: array<f32, ${tm * tn}>;
  for (var k0 = 0u; k0 < u.K; k0 = k0 + BK) {
    for (var i = tid; i < BM * BK; i = i + 256u) {
      let m = i / BK;
      let k = i % BK;
      As[k * BM + m] = A[(row0 + m) * u.K + k0 + k];
    }
    for (var i = tid; i < BK * BN; i = i + 256u) {
      let k = i / BN;
      let n = i % BN;
      Bs[k * BN + n] = B[(k0 + k) * u.N + col0 + n];
    }
    workgroupBarrier();
    for (var k = 0u; k < BK; k = k + 1u) {
      var a: array<f32, ${tm}>;
      var b: array<f32, ${tn}>;
      for (var r = 0u; r < TM; r = r + 1u) { a[r] = As[k * BM + r * 16u + lid.y]; }
      for (var c = 0u; c < TN; c = c + 1u) { b[c] = Bs[k * BN + c * 16u + lid.x]; }
      for (var r = 0u; r < TM; r = r + 1u) {
        for (var c = 0u; c < TN; c = c + 1u) { acc[r * TN + c] = fma(a[r], b[c], acc[r * TN + c]); }
      }
    }
    workgroupBarrier();
  }
  for (var r = 0u; r < TM; r = r + 1u) {
    for (var c = 0u; c < TN; c = c + 1u) {
      C[(row0 + r * 16u + lid.y) * u.N + col0 + c * 16u + lid.x] = acc[r * TN + c];
    }
  }
}`;
}

/** Runs C = A·B for n×n matrices with this shape; returns C (for checking) and a function that times `reps` runs. */
export function sgemm(device: GPUDevice, n: number, shape: SgemmShape, a: Float32Array, b: Float32Array) {
  const block = 16 * Math.max(shape.tm, shape.tn);
  if (n % block !== 0 || n % shape.bk !== 0) throw new Error(`sgemm size ${n} must be a multiple of ${block} and ${shape.bk}`);
  const bytes = n * n * 4;
  const storage = (data?: Float32Array) => {
    const buffer = device.createBuffer({ size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    if (data) device.queue.writeBuffer(buffer, 0, data);
    return buffer;
  };
  const A = storage(a);
  const B = storage(b);
  const C = storage();
  const sizes = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(sizes, 0, new Uint32Array([n, n, n, 0]));
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code: shader(shape) }), entryPoint: 'main' } });
  const bindGroup = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [A, B, C, sizes].map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  const run = (reps: number) => {
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    for (let i = 0; i < reps; i++) pass.dispatchWorkgroups(n / (16 * shape.tn), n / (16 * shape.tm));
    pass.end();
    device.queue.submit([encoder.finish()]);
    return device.queue.onSubmittedWorkDone();
  };
  return {
    async result(): Promise<Float32Array> {
      await run(1);
      const staging = device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      const encoder = device.createCommandEncoder();
      encoder.copyBufferToBuffer(C, 0, staging, 0, bytes);
      device.queue.submit([encoder.finish()]);
      await staging.mapAsync(GPUMapMode.READ);
      const out = new Float32Array(staging.getMappedRange().slice(0));
      staging.destroy();
      return out;
    },
    /** TFLOP/s over `reps` back-to-back runs, after a warm-up run. */
    async tflops(reps: number): Promise<number> {
      await run(1);
      const start = performance.now();
      await run(reps);
      const seconds = (performance.now() - start) / 1000;
      return (2 * n ** 3 * reps) / seconds / 1e12;
    },
    destroy(): void {
      for (const buffer of [A, B, C, sizes]) buffer.destroy();
    },
  };
}

export const SGEMM_SHAPES: readonly SgemmShape[] = [
  { tm: 4, tn: 4, bk: 16 },
  { tm: 8, tn: 4, bk: 8 },
  { tm: 8, tn: 8, bk: 8 },
];

/** The best of the shapes at n×n: the "plain tiled WGSL matmul" figure on this device. */
export async function bestSgemm(device: GPUDevice, n: number, reps: number): Promise<SgemmFigure[]> {
  const a = Float32Array.from({ length: n * n }, (_, i) => ((i * 7) % 13) / 13 - 0.5);
  const b = Float32Array.from({ length: n * n }, (_, i) => ((i * 5) % 11) / 11 - 0.5);
  const figures: SgemmFigure[] = [];
  for (const shape of SGEMM_SHAPES) {
    const s = sgemm(device, n, shape, a, b);
    figures.push({ size: n, shape: `${16 * shape.tm}x${16 * shape.tn}x${shape.bk}`, tflop_per_s: Math.round((await s.tflops(reps)) * 1000) / 1000 });
    s.destroy();
  }
  return figures;
}
