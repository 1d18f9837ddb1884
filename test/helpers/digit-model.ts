// A real, small digit classifier for tests of what uses a trained model: trained in a few seconds on MNIST
// digits, saved as a .fbmodel, plus held-out digits written as PNG files into a folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { encodeModelFile } from '../../core/io/model-file.ts';
import { modelFileFromNetwork } from '../../core/io/model-network.ts';
import { defaultPreprocessing } from '../../core/io/preprocessing.ts';
import { Network } from '../../core/nn/network.ts';
import type { ModelSpec } from '../../core/spec/model-spec.ts';
import type { ImageDataset } from '../../core/train/dataset.ts';
import { Trainer } from '../../core/train/trainer.ts';
import { mnistSplit } from './mnist.ts';
import { MNIST_RECIPE } from './mnist-recipe.ts';

export const DIGIT_NAMES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

// Smaller than W1: one conv layer is enough to be far above chance, and trains in a couple of seconds.
const SPEC: ModelSpec = {
  input: { height: 28, width: 28, channels: 1 },
  layers: [
    { type: 'conv2d', filters: 6, kernel: 5, stride: 1, padding: 2 },
    { type: 'relu' },
    { type: 'maxPool', size: 2 },
    { type: 'dense', units: 10 },
    { type: 'softmax' },
  ],
};

export interface DigitModel {
  readonly modelBytes: Uint8Array;
  readonly heldOut: ImageDataset;
}

export async function trainDigitModel(trainCount = 1000, heldOutCount = 200): Promise<DigitModel> {
  const { train, heldOut } = mnistSplit(trainCount, heldOutCount, 7);
  const preprocessing = { ...defaultPreprocessing(28, 28, 1), ...MNIST_RECIPE.normalization };
  const network = new Network(SPEC, { seed: 3 });
  const trainer = new Trainer(network, { ...MNIST_RECIPE.config, epochs: 2 }, { train }, preprocessing);
  await trainer.run();
  const model = modelFileFromNetwork(network, { classNames: DIGIT_NAMES, preprocessing, training: { test: true } });
  return { modelBytes: encodeModelFile(model), heldOut };
}

/** Writes image i of the set to `name(i, label)` under root as a grey PNG; returns the relative paths. */
export async function writeDigitPngs(root: string, ds: ImageDataset, name: (i: number, label: number) => string): Promise<string[]> {
  const size = ds.height * ds.width;
  const written: string[] = [];
  for (let i = 0; i < ds.count; i++) {
    const relative = name(i, ds.labels[i]);
    const path = join(root, relative);
    mkdirSync(dirname(path), { recursive: true });
    const pixels = Buffer.from(ds.pixels.subarray(i * size, (i + 1) * size));
    writeFileSync(path, await sharp(pixels, { raw: { width: ds.width, height: ds.height, channels: 1 } }).png().toBuffer());
    written.push(relative);
  }
  return written;
}
