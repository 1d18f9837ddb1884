// The main-process side of scoring: runs a model over a dataset in a worker thread and settles once, whether the
// worker answers, throws, runs out of memory or exits.
import type { ImageDataset } from '../../core/train/dataset.ts';
import { spawnWorker } from '../spawn-worker.ts';
import type { ScoreAnswer } from './score-protocol.ts';

export interface Scores {
  /** (count, classes) class probabilities, photo after photo. */
  readonly probabilities: Float32Array;
  readonly classes: number;
}

export function scoreInWorker(model: Uint8Array, dataset: ImageDataset, entry = new URL('./score-worker.ts', import.meta.url)): Promise<Scores> {
  const worker = spawnWorker(entry, { workerData: { model, dataset }, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
  return new Promise<Scores>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      fn();
    };
    worker.once('message', (answer: ScoreAnswer) =>
      finish(() => (answer.ok ? resolve({ probabilities: answer.probabilities, classes: answer.classes }) : reject(new Error(answer.message)))),
    );
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`the scoring worker exited (code ${code}) before answering`))));
  });
}
