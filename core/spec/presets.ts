// The preset networks: W1 "seed net" (MNIST-sized) and W2 "small VGG" (CIFAR-sized), also our benchmarks.
import type { ModelSpec } from './model-spec.ts';

export function seedNet(classes = 10, input = { height: 28, width: 28, channels: 1 as 1 | 3 }): ModelSpec {
  return {
    input,
    layers: [
      { type: 'conv2d', filters: 8, kernel: 5, stride: 1, padding: 2 },
      { type: 'relu' },
      { type: 'maxPool', size: 2 },
      { type: 'conv2d', filters: 16, kernel: 5, stride: 1, padding: 2 },
      { type: 'relu' },
      { type: 'maxPool', size: 2 },
      { type: 'dense', units: classes },
      { type: 'softmax' },
    ],
  };
}

export function smallVgg(classes = 10, input = { height: 32, width: 32, channels: 3 as 1 | 3 }): ModelSpec {
  return {
    input,
    layers: [
      { type: 'conv2d', filters: 32, kernel: 3, padding: 1 },
      { type: 'relu' },
      { type: 'conv2d', filters: 32, kernel: 3, padding: 1 },
      { type: 'relu' },
      { type: 'maxPool', size: 2 },
      { type: 'conv2d', filters: 64, kernel: 3, padding: 1 },
      { type: 'relu' },
      { type: 'conv2d', filters: 64, kernel: 3, padding: 1 },
      { type: 'relu' },
      { type: 'maxPool', size: 2 },
      { type: 'dense', units: 128 },
      { type: 'relu' },
      { type: 'dense', units: classes },
      { type: 'softmax' },
    ],
  };
}

export const PRESETS = {
  w1: { name: 'W1 seed net', build: seedNet },
  w2: { name: 'W2 small VGG', build: smallVgg },
} as const;
