// A run in words and figures for the history: its settings in one line and its final metrics, read from
// what the run stored (its config as the engine parsed it, its per-epoch metrics).
import { trainingConfigSchema, type TrainingConfig } from '../../../core/train/config.ts';
import type { RunStatus } from '../../../electron/contract/api-responses.ts';
import type { RunCurves } from './run-curves.ts';

const OPTIMIZER_NAMES = { adam: 'Adam', adamw: 'AdamW', sgd: 'SGD' } as const;

/** The hyperparameters a run stored, or null for a run from an older or foreign build. */
export function runConfig(run: RunStatus): TrainingConfig | null {
  const stored = run.trainingConfig as { hyperparameters?: unknown } | null;
  const parsed = trainingConfigSchema.safeParse(stored?.hyperparameters);
  return parsed.success ? parsed.data : null;
}

export function settingsSummary(config: TrainingConfig): string {
  const { augmentation: a, schedule: s } = config;
  const augment = [a.flip && 'flip', a.shift && `shift ${a.shift}px`, a.brightness && `brightness ±${a.brightness}`, a.contrast && `contrast ±${a.contrast}`].filter(Boolean);
  return [
    `${config.epochs} ${config.epochs === 1 ? 'epoch' : 'epochs'}`,
    `batch ${config.batchSize}`,
    OPTIMIZER_NAMES[config.optimizer.type],
    `lr ${config.learningRate}`,
    s.type === 'constant' ? null : s.type === 'step' ? `×${s.gamma} every ${s.everyEpochs} epochs` : 'cosine',
    config.weightDecay ? `decay ${config.weightDecay}` : null,
    augment.length ? augment.join(', ') : 'no augmentation',
    `seed ${config.seed}`,
  ].filter(Boolean).join(' · ');
}

export interface FinalMetrics {
  readonly epochs: number;
  readonly trainLoss: number | null;
  readonly trainAccuracy: number | null;
  readonly validationLoss: number | null;
  readonly validationAccuracy: number | null;
  readonly bestValidationAccuracy: number | null;
}

export function finalMetrics(curves: RunCurves): FinalMetrics {
  const last = (ys: number[]) => ys.at(-1) ?? null;
  const valAcc = curves.validation.accuracy.ys;
  return {
    epochs: Math.max(curves.epoch.loss.xs.length, curves.validation.loss.xs.length),
    trainLoss: last(curves.epoch.loss.ys),
    trainAccuracy: last(curves.epoch.accuracy.ys),
    validationLoss: last(curves.validation.loss.ys),
    validationAccuracy: last(valAcc),
    bestValidationAccuracy: valAcc.length ? Math.max(...valAcc) : null,
  };
}

export function percent(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(1)}%`;
}

export function decimal(x: number | null): string {
  return x === null ? '—' : x.toFixed(3);
}
