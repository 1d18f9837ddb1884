// It learns: the W1 seed net trained on 8,000 real MNIST digits recognises 2,000 others at ≥ 97%.
import { expect, it } from 'vitest';
import { defaultPreprocessing } from '../../core/io/preprocessing.ts';
import { Network } from '../../core/nn/network.ts';
import { seedNet } from '../../core/spec/presets.ts';
import { evaluate } from '../../core/train/evaluate.ts';
import { evaluationReport } from '../../core/train/evaluation-report.ts';
import { Trainer } from '../../core/train/trainer.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { mnistSplit } from '../helpers/mnist.ts';
import { MNIST_RECIPE } from '../helpers/mnist-recipe.ts';

it.each(BACKENDS)('trains W1 on MNIST digits to at least 97% held-out accuracy on $name', async ({ name, kernels }) => {
  const { train, heldOut } = mnistSplit(8000, 2000);
  const preprocessing = { ...defaultPreprocessing(28, 28, 1), ...MNIST_RECIPE.normalization };
  const network = new Network(seedNet(), { seed: 1, kernels });
  const result = await new Trainer(network, MNIST_RECIPE.config, { train, validation: heldOut }, preprocessing).run();
  expect(result.status).toBe('completed');
  const { accuracy } = evaluate(network, heldOut, preprocessing);
  console.log(`W1 on MNIST (${name}): held-out accuracy ${(100 * accuracy).toFixed(2)}% after ${result.epochs} epochs`);
  expect(accuracy).toBeGreaterThanOrEqual(0.97);
  // The training curve goes the right way.
  expect(result.history[2].trainLoss).toBeLessThan(result.history[0].trainLoss);
  // The evaluation report agrees, and every digit class is recognised well.
  const report = evaluationReport(network, heldOut, preprocessing);
  expect(report.accuracy).toBe(accuracy);
  expect(report.confusion.flat().reduce((a, b) => a + b, 0)).toBe(2000);
  expect(report.misclassified).toHaveLength(Math.round(2000 * (1 - accuracy)));
  expect(Math.min(...report.perClass.map((c) => c.f1))).toBeGreaterThan(0.9);
}, 300_000);
