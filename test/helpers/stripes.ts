// A tiny learnable dataset for training-loop tests: 8×8 grey images whose class (0–2) is which third of the
// picture is bright, with noise. A small conv net separates them in a few steps.
import type { ImageDataset } from '../../core/train/dataset.ts';
import { Rng } from '../../core/util/rng.ts';

export function stripes(count: number, seed: number): ImageDataset {
  const rng = new Rng(seed);
  const pixels = new Uint8Array(count * 64);
  const labels = Int32Array.from({ length: count }, () => rng.int(3));
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < 64; p++) pixels[i * 64 + p] = Math.floor((p % 8) / 3) === labels[i] ? 200 + rng.int(55) : rng.int(80);
  }
  return { count, height: 8, width: 8, channels: 1, pixels, labels };
}
