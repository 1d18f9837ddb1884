// Writes the W1 and W2 presets (seeded random weights) as ONNX files and reports their size, export time and
// parity with ONNX Runtime, for build/onnx/check_onnx.py and for a look at what an export costs.
// Usage: npx tsx build/onnx/export-presets.ts [out-dir]  (default: out/onnx)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { randomModel } from '../../core/io/model-file.fixtures.ts';
import { networkFromModelFile } from '../../core/io/model-network.ts';
import { exportOnnx, ONNX_INPUT, ONNX_OUTPUT } from '../../core/io/onnx/export-onnx.ts';
import { seedNet, smallVgg } from '../../core/spec/presets.ts';
import { Rng } from '../../core/util/rng.ts';

const outDir = process.argv[2] ?? 'out/onnx';
mkdirSync(outDir, { recursive: true });
const N = 32;

for (const [name, spec] of [['w1', seedNet()], ['w2', smallVgg()]] as const) {
  const model = randomModel(spec, 21);
  let start = performance.now();
  const bytes = exportOnnx(model);
  const exportMs = performance.now() - start;
  const file = join(outDir, `${name}.onnx`);
  writeFileSync(file, bytes);

  const { height: H, width: W, channels: C } = spec.input;
  const rng = new Rng(6);
  const x = Float32Array.from({ length: N * H * W * C }, () => rng.normal());
  const ours = networkFromModelFile(model).predict(x, N);
  const nchw = new Float32Array(x.length);
  for (let n = 0; n < N; n++)
    for (let h = 0; h < H; h++)
      for (let w = 0; w < W; w++) for (let c = 0; c < C; c++) nchw[((n * C + c) * H + h) * W + w] = x[((n * H + h) * W + w) * C + c];
  const session = await ort.InferenceSession.create(bytes);
  start = performance.now();
  const result = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', nchw, [N, C, H, W]) });
  const ortMs = performance.now() - start;
  const theirs = result[ONNX_OUTPUT].data as Float32Array;
  let worst = 0;
  for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i] - theirs[i]));
  const weightBytes = 4 * [...model.tensors.values()].reduce((sum, t) => sum + t.length, 0);
  console.log(
    `${file}: ${bytes.length} bytes (${weightBytes} of weights), export ${exportMs.toFixed(1)} ms, ` +
      `ORT ${ortMs.toFixed(1)} ms for ${N} samples, max |ours − ORT| ${worst.toExponential(2)}`,
  );
}
