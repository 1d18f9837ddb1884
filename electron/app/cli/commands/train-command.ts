// filterbank train <project> : trains a network on the project's labelled photos, showing progress; Ctrl-C stops
// the run cleanly (its model so far is saved).
import { readFileSync } from 'node:fs';
import { RESIZE_MODES } from '../../../../core/io/preprocessing.ts';
import type { TrainingConfigInput } from '../../../../core/train/config.ts';
import { ImportPool } from '../../../../native-workers/import/import-pool.ts';
import { prepareTensors } from '../../training/prepare-tensors.ts';
import { TrainingRuns } from '../../training/training-runs.ts';
import { runId } from '../../store/ids.ts';
import { BACKENDS, type StartRunRequest } from '../../training/run-request.ts';
import { EXIT, UsageError, type Reporter } from '../cli-io.ts';
import { absolutePath, inputShape, oneOf, parseCommand, positiveInteger } from '../options.ts';
import { openExisting } from '../project-arg.ts';

export const trainUsage =
  'filterbank train <project> [--arch w1|w2|FILE.json] [--epochs N] [--batch N] [--lr X] [--optimizer sgd|adam|adamw] ' +
  '[--weight-decay X] [--schedule constant|cosine] [--warmup EPOCHS] [--seed N] [--backend auto|cpu|webgpu] ' +
  '[--input HxWxC] [--resize stretch|crop|letterbox] [--normalize MEAN,STD] [--json]\n' +
  '  filterbank train <project> --resume RUN   (continues an interrupted run from its last checkpoint)';

export async function trainCommand(args: string[], out: Reporter, signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    arch: { type: 'string' }, epochs: { type: 'string' }, batch: { type: 'string' }, lr: { type: 'string' },
    optimizer: { type: 'string' }, 'weight-decay': { type: 'string' }, schedule: { type: 'string' }, warmup: { type: 'string' },
    seed: { type: 'string' }, backend: { type: 'string' }, input: { type: 'string' }, resize: { type: 'string' },
    normalize: { type: 'string' }, resume: { type: 'string' },
  });
  const config: TrainingConfigInput = {
    epochs: positiveInteger('--epochs', values.epochs, 10),
    batchSize: positiveInteger('--batch', values.batch, 32),
    optimizer: { type: oneOf('--optimizer', values.optimizer, ['sgd', 'adam', 'adamw'] as const, 'adam') },
    learningRate: number('--lr', values.lr, 1e-3),
    weightDecay: number('--weight-decay', values['weight-decay'], 0),
    schedule: {
      type: oneOf('--schedule', values.schedule, ['constant', 'cosine'] as const, 'constant'),
      warmupEpochs: number('--warmup', values.warmup, 0),
    },
    seed: values.seed === undefined ? 1 : positiveInteger('--seed', values.seed, 1),
  };
  const backend = oneOf('--backend', values.backend, BACKENDS, 'auto');
  const arch = values.arch ?? 'w1';
  const project = openExisting(positionals[0]);
  try {
    const changes = { ...inputShape(values.input), ...(values.resize ? { resizeMode: oneOf('--resize', values.resize, RESIZE_MODES, 'crop') } : {}) };
    if (values.resume === undefined && Object.keys(changes).length > 0) {
      const { tensorsInvalidated } = project.store.settings.update(changes);
      if (tensorsInvalidated) out.note(`input changed: preparing ${tensorsInvalidated} photos at the new size`);
    }
    const settings = project.store.settings.get();
    // Photos without a tensor at the project's input size (a new size, or an interrupted preparation).
    let pool: ImportPool | null = null;
    try {
      const prepared = await prepareTensors(project, () => (pool ??= new ImportPool({ size: 2 })), { signal });
      if (prepared.prepared) out.event('prepared', { ...prepared }, `prepared ${prepared.prepared} photos at ${settings.inputHeight}x${settings.inputWidth}x${settings.channels}`);
      if (prepared.failed.length) out.note(`${prepared.failed.length} photos could not be prepared and are left out: ${prepared.failed[0].reason}`);
    } finally {
      await (pool as ImportPool | null)?.close();
    }
    const settingFlags = Object.keys(values).filter((k) => !['resume', 'json'].includes(k));
    if (values.resume !== undefined && settingFlags.length > 0) {
      throw new UsageError(`--resume continues with the run's own settings; leave out --${settingFlags.join(', --')}`);
    }
    const runs = new TrainingRuns();
    const run = values.resume !== undefined
      ? await runs.resumeInterrupted(project, runId(positiveInteger('--resume', values.resume, 1)))
      : await runs.start(project, { config, backend, normalization: normalization(values.normalize, settings.channels), ...architecture(arch) });
    const on = runs.trainingOn(run.id);
    out.event('run', { runId: run.id, name: run.name, resumed: values.resume !== undefined, ...on },
      `run ${run.id}: ${run.name} on ${on.backend === 'cpu' ? 'the CPU' : 'WebGPU'} (${on.device})${values.resume ? ' (resumed)' : ''}`);
    const stop = () => void runs.stop(run.id).catch(() => undefined);
    signal.addEventListener('abort', stop, { once: true });
    let lastValidation: number | null = null;
    runs.events.on((e) => {
      if (e.runId !== run.id) return;
      if (e.type === 'progress') {
        const p = e.progress;
        out.progress(`epoch ${p.epoch + 1}`, {
          done: p.epochStep,
          total: p.stepsPerEpoch,
          detail: `loss ${p.trainLoss.toFixed(3)}, ${p.imagesPerSecond.toFixed(0)} images/s, ETA ${Math.ceil(p.etaSeconds)} s`,
        }, { ...p });
      } else if (e.type === 'epoch') {
        lastValidation = e.metrics.validationAccuracy;
        out.event('epoch', { ...e.metrics }, `epoch ${e.metrics.epoch + 1}: train loss ${e.metrics.trainLoss.toFixed(4)}, accuracy ${pct(e.metrics.trainAccuracy)}` +
          (e.metrics.validationAccuracy === null ? '' : `, validation ${pct(e.metrics.validationAccuracy)}`));
      } else if (e.type === 'checkpoint') {
        out.event('checkpoint', { epoch: e.epoch, step: e.step }, `checkpoint saved after epoch ${e.epoch}`);
      }
    });
    const state = await runs.finished(run.id);
    signal.removeEventListener('abort', stop);
    const job = run.jobId === null ? null : project.store.jobs.get(run.jobId);
    const evaluation = project.store.runSnapshots.evaluations(run.id) as Record<string, { accuracy: number } | undefined>;
    const model = project.store.models.list().find((m) => m.runId === run.id) ?? null;
    out.summary(
      { command: 'train', runId: run.id, state, error: job?.error ?? null, validationAccuracy: lastValidation,
        testAccuracy: evaluation.test?.accuracy ?? null, model: model ? absolutePath(`${project.paths.root}/${model.file}`) : null },
      [
        `run ${run.id} ${state}${job?.error ? `: ${job.error}` : ''}`,
        ...(evaluation.validation ? [`validation accuracy ${pct(evaluation.validation.accuracy)}`] : []),
        ...(evaluation.test ? [`test accuracy ${pct(evaluation.test.accuracy)}`] : []),
        ...(model ? [`model saved to ${project.paths.root}/${model.file}`] : []),
      ],
    );
    return state === 'done' ? EXIT.ok : EXIT.failed;
  } finally {
    project.store.close();
  }
}

function architecture(arch: string): Pick<StartRunRequest, 'preset' | 'spec'> {
  if (arch === 'w1' || arch === 'w2') return { preset: arch };
  try {
    return { spec: JSON.parse(readFileSync(absolutePath(arch), 'utf8')) as unknown };
  } catch (error) {
    throw new UsageError(`--arch ${arch}: not w1, w2 or a readable JSON model spec (${(error as Error).message})`);
  }
}

function normalization(value: string | undefined, channels: number): StartRunRequest['normalization'] {
  if (value === undefined) return undefined;
  const m = /^([0-9.]+),([0-9.]+)$/.exec(value);
  if (!m || !(Number(m[2]) > 0)) throw new UsageError(`--normalize must be MEAN,STD (e.g. 0.1307,0.3081), not "${value}"`);
  return { mean: new Array<number>(channels).fill(Number(m[1])), std: new Array<number>(channels).fill(Number(m[2])) };
}

function number(option: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${option} must be a number ≥ 0, not "${value}"`);
  return n;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}
