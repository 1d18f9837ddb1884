// The WebGPU training process: opens a Dawn device, hosts core's GpuTrainer on it and speaks the training
// protocol over the IPC channel, so that a GPU driver fault ends this process, never the app.
import { Network } from '../../core/nn/network.ts';
import { GpuNetwork } from '../../core/nn/webgpu/gpu-network.ts';
import { WebGpuError } from '../../core/ops/webgpu/device-health.ts';
import { chooseBackend } from '../../core/ops/webgpu/self-test.ts';
import { decodeCheckpoint, encodeCheckpoint } from '../../core/train/checkpoint-file.ts';
import type { ImageDataset } from '../../core/train/dataset.ts';
import { evaluationReport } from '../../core/train/evaluation-report.ts';
import type { TrainingResult } from '../../core/train/trainer.ts';
import { GpuTrainer } from '../../core/train/webgpu/gpu-trainer.ts';
import { hostKernels } from '../cpu-kernels/native-kernels.ts';
import { openDawn } from '../dawn.ts';
import type { GpuTrainProcessIn, GpuTrainProcessOut, GpuTrainStart } from './gpu-train-protocol.ts';
import { PauseClock } from './pause-clock.ts';
import { StepGate } from './step-gate.ts';

if (!process.send) throw new Error('gpu-train-process.ts must run as a forked child process');

const send = (message: GpuTrainProcessOut): void => {
  process.send!(message);
};

const clock = new PauseClock(send);
const gate = new StepGate({ onPause: clock.onPause, onResume: clock.onResume });
const savedWaiters = new Map<number, () => void>();

const gpu = openDawn();
const choice = await chooseBackend(gpu);

// The app is gone (it crashed or was killed): nobody will save this run's work, so stop holding the GPU.
process.on('disconnect', () => process.exit(1));
process.on('message', (message: GpuTrainProcessIn) => {
  switch (message.type) {
    case 'start':
      void train(message);
      break;
    case 'pause':
      gate.set('pause');
      break;
    case 'resume':
      gate.set('run');
      break;
    case 'stop':
      gate.set('stop');
      break;
    case 'checkpoint-saved':
      savedWaiters.get(message.epoch)?.();
      savedWaiters.delete(message.epoch);
      break;
  }
});
// The host ends this process once it has the last message, so none of them is lost in a hurried exit.
send(choice.kind === 'webgpu' ? { type: 'ready', adapter: choice.adapter } : { type: 'failed', reason: `WebGPU cannot train here: ${choice.reason}` });

async function train(start: GpuTrainStart): Promise<void> {
  if (choice.kind !== 'webgpu') return;
  try {
    const { config, preprocessing, datasets } = start;
    const seed = typeof config.seed === 'number' ? config.seed : 1;
    // The CPU network draws the initial weights (the same as a CPU run's), then scores the final ones.
    const network = new Network(start.spec, { seed, kernels: hostKernels().kernels, fuseRelu: true });
    const gpuNetwork = new GpuNetwork(choice.backend, network);
    const resumeFrom = start.checkpoint ? decodeCheckpoint(start.checkpoint) : undefined;
    const trainer = new GpuTrainer(gpuNetwork, config, { train: datasets.train, validation: datasets.validation }, preprocessing, resumeFrom);
    send({ type: 'started', epoch: resumeFrom?.epoch ?? 0, step: resumeFrom?.step ?? 0 });
    let step = resumeFrom?.step ?? 0;
    let nextStep = step;
    const result: TrainingResult = await trainer.run({
      // Time spent paused is not training time: rates and ETA leave it out.
      now: clock.now,
      onProgress: (progress) => {
        step = progress.step;
        send({ type: 'progress', progress });
      },
      onEpoch: (metrics) => send({ type: 'epoch', metrics, step }),
      onCheckpoint: async (checkpoint) => {
        const saved = new Promise<void>((resolve) => savedWaiters.set(checkpoint.epoch, resolve));
        send({ type: 'checkpoint', epoch: checkpoint.epoch, step: checkpoint.step, bytes: encodeCheckpoint(checkpoint) });
        await saved;
      },
      betweenSteps: async () => {
        // Let queued messages (pause, stop, checkpoint acknowledgements) in before the next step.
        await new Promise(setImmediate);
        if (nextStep === start.loseDeviceAtStep) {
          choice.backend.device.destroy();
          await choice.backend.device.lost;
        }
        if (nextStep++ === start.failAtStep) throw new Error(`injected failure at step ${start.failAtStep}`);
        return gate.decide();
      },
    });
    if (result.status === 'stopped') send({ type: 'stopping' });
    const tensors = await gpuNetwork.getTensors();
    network.setTensors(tensors);
    const report = (ds: ImageDataset | null) => (ds && ds.count > 0 ? evaluationReport(network, ds, preprocessing) : null);
    // Nothing is torn down: the host ends this process on 'done', and the device goes with it.
    send({ type: 'done', result, tensors, evaluation: { validation: report(datasets.validation), test: report(datasets.test) } });
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    send(error instanceof WebGpuError ? { type: 'gpu-failed', reason } : { type: 'failed', reason });
  }
}
