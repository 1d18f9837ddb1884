// The training worker: hosts core's Trainer on its own thread, reports progress, epochs and checkpoints, and
// obeys pause, resume and stop (through the shared control word, or messages between steps).
import { parentPort } from 'node:worker_threads';
import { Network } from '../../core/nn/network.ts';
import { decodeCheckpoint, encodeCheckpoint } from '../../core/train/checkpoint-file.ts';
import { evaluationReport } from '../../core/train/evaluation-report.ts';
import { Trainer, type TrainingResult } from '../../core/train/trainer.ts';
import { hostKernels } from '../cpu-kernels/native-kernels.ts';
import { StopRequested, TrainingControl } from './control.ts';
import { PauseClock } from './pause-clock.ts';
import { CONTROL, type TrainStart, type TrainWorkerIn, type TrainWorkerOut } from './train-protocol.ts';

const port = parentPort;
if (!port) throw new Error('train-worker.ts must run inside a worker thread');

const send = (message: TrainWorkerOut, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

// The native kernels on every core where they are built, else the TypeScript reference; results are the same
// for any thread count. FILTERBANK_KERNELS=reference and FILTERBANK_THREADS override.
const { kernels } = hostKernels();

let control: TrainingControl | null = null;
const clock = new PauseClock(send);
const savedWaiters = new Map<number, () => void>();

port.on('message', (message: TrainWorkerIn) => {
  switch (message.type) {
    case 'start':
      void train(message);
      break;
    case 'pause':
      control?.set(CONTROL.pause);
      break;
    case 'resume':
      control?.set(CONTROL.run);
      break;
    case 'stop':
      control?.set(CONTROL.stop);
      break;
    case 'checkpoint-saved':
      savedWaiters.get(message.epoch)?.();
      savedWaiters.delete(message.epoch);
      break;
  }
});
send({ type: 'ready' });

async function train(start: TrainStart): Promise<void> {
  const ctl = new TrainingControl(start.control, { onPause: clock.onPause, onResume: clock.onResume });
  control = ctl;
  try {
    const { config, preprocessing, datasets } = start;
    const seed = typeof config.seed === 'number' ? config.seed : 1;
    const network = new Network(start.spec, { seed, kernels: ctl.kernels(kernels), fuseRelu: true });
    const resumeFrom = start.checkpoint ? decodeCheckpoint(start.checkpoint) : undefined;
    const trainer = new Trainer(network, config, { train: datasets.train, validation: datasets.validation }, preprocessing, resumeFrom);
    send({ type: 'started', epoch: resumeFrom?.epoch ?? 0, step: resumeFrom?.step ?? 0 });
    let step = resumeFrom?.step ?? 0;
    let nextStep = step;
    let result: TrainingResult;
    try {
      result = await trainer.run({
        // Time spent paused is not training time: rates and ETA leave it out.
        now: clock.now,
        onProgress: (progress) => {
          step = progress.step;
          send({ type: 'progress', progress });
        },
        onEpoch: (metrics) => send({ type: 'epoch', metrics, step }),
        onCheckpoint: async (checkpoint) => {
          const bytes = encodeCheckpoint(checkpoint);
          const saved = new Promise<void>((resolve) => savedWaiters.set(checkpoint.epoch, resolve));
          send({ type: 'checkpoint', epoch: checkpoint.epoch, step: checkpoint.step, bytes }, [bytes.buffer as ArrayBuffer]);
          await saved;
        },
        betweenSteps: async () => {
          // Let queued messages (pause, stop, checkpoint acknowledgements) in before the next step.
          await new Promise(setImmediate);
          if (nextStep++ === start.failAtStep) throw new Error(`injected failure at step ${start.failAtStep}`);
          return ctl.check() ? 'stop' : 'continue';
        },
      });
    } catch (error) {
      if (!(error instanceof StopRequested)) throw error;
      // Stopped inside a step: the network holds the weights of the last finished step.
      const c = trainer.checkpoint();
      result = { status: 'stopped', epochs: c.epoch, steps: c.step, history: c.history, bestEpoch: c.history.length ? c.epoch - 1 : null };
    }
    ctl.finish();
    if (result.status === 'stopped') send({ type: 'stopping' });
    const report = (ds: TrainStart['datasets']['test']) => (ds && ds.count > 0 ? evaluationReport(network, ds, preprocessing) : null);
    const evaluation = { validation: report(datasets.validation), test: report(datasets.test) };
    const tensors = network.getTensors();
    send({ type: 'done', result, tensors, evaluation }, [...tensors.values()].map((t) => t.buffer as ArrayBuffer));
  } catch (error) {
    send({ type: 'failed', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
}
