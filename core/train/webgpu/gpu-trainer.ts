// The training loop on the GPU: the CPU Trainer's seeded shuffling, batches, augmentation, schedule and
// checkpoint format (so a run without dropout sees the same batches, and a checkpoint resumes on either
// backend), with each step submitted by GpuTrainingStep. Metrics are read every `progressEvery` steps, one
// window behind, so reading never stalls the GPU. Early stopping is not supported here yet.
import type { Preprocessing } from '../../io/preprocessing.ts';
import type { GpuNetwork } from '../../nn/webgpu/gpu-network.ts';
import { Rng } from '../../util/rng.ts';
import { BatchAssembler } from '../batch.ts';
import type { Checkpoint, EpochMetrics } from '../checkpoint.ts';
import { trainingConfigSchema, type TrainingConfig, type TrainingConfigInput } from '../config.ts';
import { checkDataset } from '../dataset.ts';
import { makeSchedule } from '../schedules.ts';
import type { StepProgress, TrainingData, TrainingHooks, TrainingResult } from '../trainer.ts';
import { evaluateOnGpu } from './gpu-evaluate.ts';
import { GpuTrainingStep, type StepMetrics } from './gpu-training-step.ts';

/** A window of steps whose metrics are being read, with where it ended. */
interface Window {
  /** The window's step metrics, and when the GPU had finished them (the read resolved). */
  metrics: Promise<{ readings: StepMetrics[]; finishedAt: number }>;
  epochStep: number;
  step: number;
  lr: number;
}

export class GpuTrainer {
  readonly config: TrainingConfig;
  readonly step: GpuTrainingStep;
  private readonly shuffleRng: Rng;
  private readonly augmentRng: Rng;
  private readonly stepsPerEpoch: number;
  private readonly lrAt: (step: number) => number;
  private epoch = 0;
  private steps = 0;
  private history: EpochMetrics[] = [];

  constructor(
    private readonly network: GpuNetwork,
    config: TrainingConfigInput,
    private readonly data: TrainingData,
    private readonly preprocessing: Preprocessing,
    resumeFrom?: Checkpoint,
  ) {
    this.config = trainingConfigSchema.parse(config);
    if (this.config.earlyStopping) throw new Error('early stopping is not supported on the GPU yet');
    checkDataset(data.train, 'training set', network.summary.inputShape, network.classes);
    if (data.validation) checkDataset(data.validation, 'validation set', network.summary.inputShape, network.classes);
    const { optimizer, weightDecay, labelSmoothing, progressEvery, batchSize, epochs, seed } = this.config;
    this.step = new GpuTrainingStep(network.backend, network, { optimizer, weightDecay, labelSmoothing, metricsCapacity: progressEvery });
    const root = new Rng(seed);
    this.shuffleRng = root.fork();
    this.augmentRng = root.fork();
    this.stepsPerEpoch = Math.ceil(data.train.count / batchSize);
    this.lrAt = makeSchedule(this.config.schedule, this.config.learningRate, this.stepsPerEpoch, this.stepsPerEpoch * epochs);
    if (resumeFrom) this.restore(resumeFrom);
  }

  /** Trains until the configured epochs are done or betweenSteps says stop. */
  async run(hooks: TrainingHooks = {}): Promise<TrainingResult> {
    const now = hooks.now ?? Date.now;
    const { epochs, batchSize, progressEvery, augmentation } = this.config;
    const train = this.data.train;
    const augment = Object.values(augmentation).some((v) => v) ? { options: augmentation, rng: this.augmentRng } : undefined;
    const assembler = new BatchAssembler(this.preprocessing, batchSize);
    const order = new Int32Array(train.count);
    const totalSteps = this.stepsPerEpoch * epochs;
    await this.step.prepare([...new Set([batchSize, train.count - (this.stepsPerEpoch - 1) * batchSize])]);
    while (this.epoch < epochs) {
      const epochStart = now();
      for (let i = 0; i < order.length; i++) order[i] = i;
      this.shuffleRng.shuffle(order);
      const totals = { loss: 0, correct: 0, count: 0 };
      let inFlight: Window | null = null;
      // Windows are timed by when the GPU finished them, not by when they are reported: reports run one window
      // behind, and the epoch's last two come back to back.
      let previousFinish = epochStart;
      let lr = this.lrAt(this.steps);
      // Adds a finished window to the epoch's totals and reports it.
      const report = async ({ metrics: reading, epochStep, step, lr }: Window) => {
        const { readings, finishedAt } = await reading;
        const w = readings.reduce((t, m) => ({ loss: t.loss + m.loss * m.count, correct: t.correct + m.correct, count: t.count + m.count }), { loss: 0, correct: 0, count: 0 });
        totals.loss += w.loss;
        totals.correct += w.correct;
        totals.count += w.count;
        // Date.now ticks in milliseconds: a window finished within one tick counts as taking one.
        const imagesPerSecond = w.count / (Math.max(1, finishedAt - previousFinish) / 1000);
        previousFinish = finishedAt;
        const progress: StepProgress = {
          epoch: this.epoch, epochStep, stepsPerEpoch: this.stepsPerEpoch, step, totalSteps, learningRate: lr, imagesPerSecond,
          trainLoss: w.loss / w.count, trainAccuracy: w.correct / w.count, etaSeconds: ((totalSteps - step) * batchSize) / imagesPerSecond,
        };
        hooks.onProgress?.(progress);
      };
      for (let b = 0; b < this.stepsPerEpoch; b++) {
        if (hooks.betweenSteps && (await hooks.betweenSteps()) === 'stop') {
          if (inFlight) await inFlight.metrics;
          return this.result('stopped');
        }
        const start = b * batchSize;
        const count = Math.min(batchSize, train.count - start);
        const { x, labels } = assembler.assemble(train, order, start, count, augment);
        lr = this.lrAt(this.steps);
        this.step.run(x as Float32Array, labels, count, lr);
        this.steps++;
        if ((b + 1) % progressEvery === 0 || b + 1 === this.stepsPerEpoch) {
          // Start reading this window, then report the previous one, whose read has had a window to finish.
          const metrics = this.step.readMetrics().then((readings) => ({ readings, finishedAt: now() }));
          const next: Window = { metrics, epochStep: b + 1, step: this.steps, lr };
          if (inFlight) await report(inFlight);
          inFlight = next;
        }
      }
      if (inFlight) await report(inFlight);
      const validation = this.data.validation?.count ? await evaluateOnGpu(this.network, this.data.validation, this.preprocessing) : null;
      const metrics: EpochMetrics = {
        epoch: this.epoch,
        trainLoss: totals.loss / totals.count,
        trainAccuracy: totals.correct / totals.count,
        validationLoss: validation?.loss ?? null,
        validationAccuracy: validation?.accuracy ?? null,
        learningRate: lr,
        seconds: (now() - epochStart) / 1000,
      };
      this.history.push(metrics);
      this.epoch++;
      hooks.onEpoch?.(metrics);
      if (hooks.onCheckpoint) await hooks.onCheckpoint(await this.checkpoint());
    }
    return this.result('completed');
  }

  /** The state after the last completed step, in the CPU Trainer's format: either backend resumes from it. */
  async checkpoint(): Promise<Checkpoint> {
    return {
      epoch: this.epoch,
      step: this.steps,
      tensors: await this.network.getTensors(),
      optimizer: await this.step.optimizer.getState(),
      rng: { shuffle: this.shuffleRng.state(), augment: this.augmentRng.state(), dropout: this.network.dropoutState },
      early: { bestLoss: Infinity, bestEpoch: -1, badEpochs: 0, bestTensors: null },
      history: this.history.map((h) => ({ ...h })),
    };
  }

  /** Releases the step's buffers; the network stays usable (and is the caller's to dispose). */
  dispose(): void {
    this.step.dispose();
  }

  private restore(c: Checkpoint): void {
    this.network.setTensors(c.tensors);
    this.step.optimizer.setState(c.optimizer);
    this.shuffleRng.restore(c.rng.shuffle);
    this.augmentRng.restore(c.rng.augment);
    this.epoch = c.epoch;
    this.steps = c.step;
    this.history = c.history.map((h) => ({ ...h }));
  }

  private result(status: 'completed' | 'stopped'): TrainingResult {
    const history = this.history.map((h) => ({ ...h }));
    return { status, epochs: this.epoch, steps: this.steps, history, bestEpoch: history.length ? this.epoch - 1 : null };
  }
}
