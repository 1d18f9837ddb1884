import { describe, expect, it } from 'vitest';
import { scorePredictions, topPredictions } from './evaluation-report.ts';

describe('scorePredictions', () => {
  // Four images of three classes: two right, two wrong.
  const probabilities = Float32Array.from([
    0.7, 0.2, 0.1, // label 0, predicted 0
    0.1, 0.3, 0.6, // label 1, predicted 2
    0.05, 0.9, 0.05, // label 2, predicted 1 (hard: p(label) = 0.05)
    0.2, 0.1, 0.7, // label 2, predicted 2
  ]);
  const labels = Int32Array.from([0, 1, 2, 2]);
  const report = scorePredictions(probabilities, labels, 3);

  it('counts accuracy, the confusion matrix and the mean loss', () => {
    expect(report.accuracy).toBe(0.5);
    expect(report.confusion).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 1]]);
    const expectedLoss = -(Math.log(0.7) + Math.log(0.3) + Math.log(0.05) + Math.log(0.7)) / 4;
    expect(report.meanLoss).toBeCloseTo(expectedLoss, 6);
  });

  it('gives precision, recall and F1 per class', () => {
    expect(report.perClass[0]).toEqual({ precision: 1, recall: 1, f1: 1, support: 1 });
    expect(report.perClass[1]).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(report.perClass[2].precision).toBeCloseTo(0.5, 9);
    expect(report.perClass[2].recall).toBeCloseTo(0.5, 9);
    expect(report.perClass[2].f1).toBeCloseTo(0.5, 9);
  });

  it('lists the misclassified images hardest first with their top-3 predictions', () => {
    expect(report.misclassified.map((m) => m.index)).toEqual([2, 1]);
    expect(report.misclassified[0].loss).toBeCloseTo(-Math.log(0.05), 6);
    expect(report.misclassified[0].top.map((p) => p.classIndex)).toEqual([1, 0, 2]);
  });

  it('breaks ties in top predictions by class order', () => {
    expect(topPredictions([0.25, 0.5, 0.25], 3).map((p) => p.classIndex)).toEqual([1, 0, 2]);
  });
});
