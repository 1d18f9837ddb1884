// The training loop a worker drives: seeded shuffling, batches, augmentation, validation each epoch,
// progress, pause/stop points between steps, early stopping, and checkpoints that resume exactly.
import type { Preprocessing } from '../io/preprocessing.ts';
import type { Network } from '../nn/network.ts';
import { softmaxCrossEntropy } from '../ops/cpu/softmax.ts';
import { Rng } from '../util/rng.ts';
import { BatchAssembler } from './batch.ts';
import type { Checkpoint, EpochMetrics } from './checkpoint.ts';
import { trainingConfigSchema, type TrainingConfig, type TrainingConfigInput } from './config.ts';
import { checkDataset, type ImageDataset } from './dataset.ts';
import { evaluate } from './evaluate.ts';
import { Optimizer } from './optimizers.ts';
import { makeSchedule } from './schedules.ts';

export interface StepProgress {
  epoch: number;
  /** Steps done in this epoch, of stepsPerEpoch. */
  epochStep: number;
  stepsPerEpoch: number;
  step: number;
  totalSteps: number;
  /** Mean over the steps since the last report. */
  trainLoss: number;
  trainAccuracy: number;
  learningRate: number;
  imagesPerSecond: number;
  etaSeconds: number;
}

export type StepDecision = 'continue' | 'stop';

export interface TrainingHooks {
  onProgress?(progress: StepProgress): void;
  onEpoch?(metrics: EpochMetrics): void;
  /** Called at the end of each epoch; a host writes it to disk (atomically) before training goes on. */
  onCheckpoint?(checkpoint: Checkpoint): void | Promise<void>;
  /** Called before each step: the host may wait here while paused, and answer 'stop' to end the run. */
  betweenSteps?(): StepDecision | Promise<StepDecision>;
  /** Milliseconds, for rates and ETA (Date.now by default). */
  now?(): number;
}

export interface TrainingResult {
  status: 'completed' | 'stopped' | 'early-stopped';
  epochs: number;
  steps: number;
  history: EpochMetrics[];
  /** The epoch whose weights the network holds at the end (the best one after early stopping). */
  bestEpoch: number | null;
}

export interface TrainingData {
  train: ImageDataset;
  validation?: ImageDataset | null;
}

export class Trainer {
  readonly config: TrainingConfig;
  private readonly optimizer: Optimizer;
  private readonly shuffleRng: Rng;
  private readonly augmentRng: Rng;
  private readonly assembler: BatchAssembler;
  private readonly order: Int32Array;
  private readonly dlogits: Float32Array | Float64Array;
  private readonly stepsPerEpoch: number;
  private readonly lrAt: (step: number) => number;
  private epoch = 0;
  private step = 0;
  private history: EpochMetrics[] = [];
  private early: Checkpoint['early'] = { bestLoss: Infinity, bestEpoch: -1, badEpochs: 0, bestTensors: null };

  constructor(
    private readonly network: Network,
    config: TrainingConfigInput,
    private readonly data: TrainingData,
    private readonly preprocessing: Preprocessing,
    resumeFrom?: Checkpoint,
  ) {
    this.config = trainingConfigSchema.parse(config);
    const shape = network.summary.inputShape;
    if (preprocessing.height !== shape[0] || preprocessing.width !== shape[1] || preprocessing.channels !== shape[2]) {
      throw new Error(
        `the preprocessing makes ${preprocessing.height}×${preprocessing.width}×${preprocessing.channels} inputs; the model takes ${shape.join('×')}`,
      );
    }
    checkDataset(data.train, 'training set', shape, network.classes);
    if (data.train.count === 0) throw new Error('the training set is empty');
    if (data.validation) checkDataset(data.validation, 'validation set', shape, network.classes);
    const { batchSize, epochs, seed } = this.config;
    const root = new Rng(seed);
    this.shuffleRng = root.fork();
    this.augmentRng = root.fork();
    this.optimizer = new Optimizer(this.config.optimizer, network.trainableParams(), this.config.weightDecay);
    this.assembler = new BatchAssembler(preprocessing, batchSize, network.dtype);
    this.order = new Int32Array(data.train.count);
    this.dlogits = network.dtype === 'float64' ? new Float64Array(batchSize * network.classes) : new Float32Array(batchSize * network.classes);
    this.stepsPerEpoch = Math.ceil(data.train.count / batchSize);
    this.lrAt = makeSchedule(this.config.schedule, this.config.learningRate, this.stepsPerEpoch, this.stepsPerEpoch * epochs);
    if (resumeFrom) this.restore(resumeFrom);
  }

  /** Trains until the configured epochs are done, early stopping triggers, or betweenSteps says stop. */
  async run(hooks: TrainingHooks = {}): Promise<TrainingResult> {
    const now = hooks.now ?? Date.now;
    const { epochs, batchSize, progressEvery, augmentation, labelSmoothing } = this.config;
    const train = this.data.train;
    const net = this.network;
    const K = net.classes;
    const hasAugmentation = Object.values(augmentation).some((v) => v);
    const augment = hasAugmentation ? { options: augmentation, rng: this.augmentRng } : undefined;
    const totalSteps = this.stepsPerEpoch * epochs;

    while (this.epoch < epochs) {
      const epochStart = now();
      for (let i = 0; i < this.order.length; i++) this.order[i] = i;
      this.shuffleRng.shuffle(this.order);
      let epochLoss = 0;
      let epochCorrect = 0;
      let windowLoss = 0;
      let windowCorrect = 0;
      let windowImages = 0;
      let windowStart = now();
      let lr = this.lrAt(this.step);
      for (let b = 0; b < this.stepsPerEpoch; b++) {
        if (hooks.betweenSteps && (await hooks.betweenSteps()) === 'stop') return this.result('stopped');
        const start = b * batchSize;
        const count = Math.min(batchSize, train.count - start);
        const { x, labels } = this.assembler.assemble(train, this.order, start, count, augment);
        const logits = net.forwardLogits(x, count, true);
        const dlogits = this.dlogits.subarray(0, count * K);
        const { loss, correct } = softmaxCrossEntropy(count, K, logits, labels, labelSmoothing, dlogits);
        net.backward(dlogits, count);
        lr = this.lrAt(this.step);
        this.optimizer.step(lr);
        this.step++;
        epochLoss += loss * count;
        epochCorrect += correct;
        windowLoss += loss * count;
        windowCorrect += correct;
        windowImages += count;
        if ((b + 1) % progressEvery === 0 || b + 1 === this.stepsPerEpoch) {
          const t = now();
          // Date.now ticks in milliseconds: a window finished within one tick counts as taking one.
          const seconds = Math.max(1, t - windowStart) / 1000;
          const imagesPerSecond = windowImages / seconds;
          hooks.onProgress?.({
            epoch: this.epoch,
            epochStep: b + 1,
            stepsPerEpoch: this.stepsPerEpoch,
            step: this.step,
            totalSteps,
            trainLoss: windowLoss / windowImages,
            trainAccuracy: windowCorrect / windowImages,
            learningRate: lr,
            imagesPerSecond,
            etaSeconds: ((totalSteps - this.step) * batchSize) / imagesPerSecond,
          });
          windowLoss = windowCorrect = windowImages = 0;
          windowStart = t;
        }
      }
      const validation = this.data.validation?.count ? evaluate(net, this.data.validation, this.preprocessing) : null;
      const metrics: EpochMetrics = {
        epoch: this.epoch,
        trainLoss: epochLoss / train.count,
        trainAccuracy: epochCorrect / train.count,
        validationLoss: validation?.loss ?? null,
        validationAccuracy: validation?.accuracy ?? null,
        learningRate: lr,
        seconds: (now() - epochStart) / 1000,
      };
      this.history.push(metrics);
      this.epoch++;
      const stopEarly = this.updateEarlyStopping(metrics);
      hooks.onEpoch?.(metrics);
      if (hooks.onCheckpoint) await hooks.onCheckpoint(this.checkpoint());
      if (stopEarly) {
        if (this.early.bestTensors) net.setTensors(this.early.bestTensors);
        return this.result('early-stopped');
      }
    }
    return this.result('completed');
  }

  /** The state after the last completed epoch's step; copies, so later training does not change it. */
  checkpoint(): Checkpoint {
    return {
      epoch: this.epoch,
      step: this.step,
      tensors: this.network.getTensors(),
      optimizer: this.optimizer.getState(),
      rng: { shuffle: this.shuffleRng.state(), augment: this.augmentRng.state(), dropout: this.network.dropoutState() },
      early: { ...this.early, bestTensors: this.early.bestTensors && new Map(this.early.bestTensors) },
      history: this.history.map((h) => ({ ...h })),
    };
  }

  private restore(c: Checkpoint): void {
    this.network.setTensors(c.tensors);
    this.optimizer.setState(c.optimizer);
    this.shuffleRng.restore(c.rng.shuffle);
    this.augmentRng.restore(c.rng.augment);
    this.network.restoreDropoutState(c.rng.dropout);
    this.epoch = c.epoch;
    this.step = c.step;
    this.history = c.history.map((h) => ({ ...h }));
    this.early = { ...c.early, bestTensors: c.early.bestTensors && new Map(c.early.bestTensors) };
  }

  // Monitors validation loss (training loss when there is no validation set).
  private updateEarlyStopping(m: EpochMetrics): boolean {
    const rule = this.config.earlyStopping;
    if (!rule) return false;
    const loss = m.validationLoss ?? m.trainLoss;
    if (loss < this.early.bestLoss - rule.minDelta) {
      this.early = { bestLoss: loss, bestEpoch: m.epoch, badEpochs: 0, bestTensors: this.network.getTensors() };
      return false;
    }
    this.early.badEpochs++;
    return this.early.badEpochs >= rule.patience;
  }

  private result(status: TrainingResult['status']): TrainingResult {
    const bestEpoch = status === 'early-stopped' ? this.early.bestEpoch : this.history.length ? this.epoch - 1 : null;
    return { status, epochs: this.epoch, steps: this.step, history: this.history.map((h) => ({ ...h })), bestEpoch };
  }
}
