// The worker that times a few training steps of a spec, so the main process stays responsive meanwhile; with
// the kernels the training worker picks on this machine, so the estimate is of what a run will do.
import { parentPort, workerData } from 'node:worker_threads';
import { hostKernels } from '../cpu-kernels/native-kernels.ts';
import { measureTrainingSteps } from './measure-spec.ts';
import type { SpecBenchAnswer, SpecBenchRequest } from './spec-bench-protocol.ts';

const port = parentPort;
if (!port) throw new Error('spec-bench-worker.ts must run inside a worker thread');

const { spec, options } = workerData as SpecBenchRequest;
let answer: SpecBenchAnswer;
try {
  const { kernels, description } = hostKernels();
  answer = { ok: true, measure: { ...measureTrainingSteps(spec, { ...options, kernels }), kernels: description } };
} catch (error) {
  answer = { ok: false, message: error instanceof Error ? error.message : String(error) };
}
port.postMessage(answer);
