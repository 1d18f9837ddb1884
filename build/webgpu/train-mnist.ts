// Trains the W1 seed net on MNIST digits with the WebGPU backend (SwiftShader when no GPU is configured) and
// reports held-out accuracy, the proof that the GPU path learns as the CPU one does (test/learning/mnist.test.ts).
// Usage: npx tsx build/webgpu/train-mnist.ts [--train 8000] [--held-out 2000] [--epochs 3]
import { parseArgs } from 'node:util';
import { defaultPreprocessing } from '../../core/io/preprocessing.ts';
import { Network } from '../../core/nn/network.ts';
import { GpuNetwork } from '../../core/nn/webgpu/gpu-network.ts';
import { seedNet } from '../../core/spec/presets.ts';
import { evaluateOnGpu } from '../../core/train/webgpu/gpu-evaluate.ts';
import { GpuTrainer } from '../../core/train/webgpu/gpu-trainer.ts';
import { mnistSplit } from '../../test/helpers/mnist.ts';
import { MNIST_RECIPE } from '../../test/helpers/mnist-recipe.ts';
import { testGpu } from '../../test/helpers/webgpu.ts';

const { values } = parseArgs({
  options: { train: { type: 'string', default: '8000' }, 'held-out': { type: 'string', default: '2000' }, epochs: { type: 'string' } },
});
const gpu = await testGpu();
if (!gpu.backend) throw new Error(gpu.reason);
const info = (gpu.device.adapterInfo as GPUAdapterInfo | undefined) ?? null;
console.log(`WebGPU device: ${info ? `${info.vendor} ${info.architecture} ${info.description}`.trim() : 'unknown'}`);

const { train, heldOut } = mnistSplit(Number(values.train), Number(values['held-out']));
const preprocessing = { ...defaultPreprocessing(28, 28, 1), ...MNIST_RECIPE.normalization };
const network = new GpuNetwork(gpu.backend, new Network(seedNet(), { seed: 1 }));
const epochs = Number(values.epochs ?? MNIST_RECIPE.epochs);
const trainer = new GpuTrainer(network, { ...MNIST_RECIPE.config, epochs, progressEvery: 25 }, { train }, preprocessing);
const started = performance.now();
await trainer.run({
  onProgress: (p) =>
    console.log(`epoch ${p.epoch + 1} step ${p.epochStep}/${p.stepsPerEpoch}  loss ${p.trainLoss.toFixed(3)}  ${Math.round(p.imagesPerSecond)} images/s`),
  onEpoch: (e) => console.log(`epoch ${e.epoch + 1}: train accuracy ${(100 * e.trainAccuracy).toFixed(2)}% in ${e.seconds.toFixed(0)} s`),
});
const { accuracy, loss } = await evaluateOnGpu(network, heldOut, preprocessing);
const minutes = (performance.now() - started) / 60000;
console.log(`W1 on MNIST with WebGPU: held-out accuracy ${(100 * accuracy).toFixed(2)}% (loss ${loss.toFixed(4)}) after ${epochs} epochs, ${minutes.toFixed(1)} min`);
process.exitCode = accuracy >= 0.97 ? 0 : 1;
