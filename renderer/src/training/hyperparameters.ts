// The training form: flat fields a person edits, their defaults (the engine's own), a plain-language hint
// for each, and the conversion to the engine's training config, checked by its schema with the field named.
import { trainingConfigSchema, type TrainingConfig, type TrainingConfigInput } from '../../../core/train/config.ts';

export type Backend = 'auto' | 'cpu' | 'webgpu';

export interface TrainingForm {
  readonly epochs: number;
  readonly batchSize: number;
  readonly optimizer: 'adam' | 'adamw' | 'sgd';
  /** SGD only. */
  readonly momentum: number;
  readonly learningRate: number;
  readonly schedule: 'constant' | 'step' | 'cosine';
  readonly warmupEpochs: number;
  /** Step schedule only. */
  readonly stepEvery: number;
  readonly stepGamma: number;
  readonly weightDecay: number;
  readonly flip: boolean;
  readonly shift: number;
  readonly brightness: number;
  readonly contrast: number;
  readonly seed: number;
  readonly backend: Backend;
}

export type FormField = keyof TrainingForm;

export const HINTS: Readonly<Record<FormField, string>> = {
  epochs: 'How many times training goes through every training photo. More can help, until validation accuracy stops improving.',
  batchSize: 'Photos looked at before each adjustment. Bigger is steadier per step; smaller often generalises better.',
  optimizer: 'How the weights are adjusted. Adam is a safe start; SGD with momentum is the classic.',
  momentum: 'How much of the last adjustment carries on into the next (SGD).',
  learningRate: 'Size of each adjustment. Too big and the loss jumps around; too small and learning crawls.',
  schedule: 'How the learning rate changes during training: constant, lowered in steps, or eased down along a cosine.',
  warmupEpochs: 'Epochs at the start during which the learning rate rises gently from zero.',
  stepEvery: 'Lower the learning rate every this many epochs.',
  stepGamma: 'Multiply the learning rate by this at each step (0.1 = ten times smaller).',
  weightDecay: 'Pulls weights towards zero a little each step, so the network relies less on any one of them.',
  flip: 'Mirror photos left–right at random. Not for things whose direction matters, like digits or text.',
  shift: 'Move photos by up to this many pixels at random, so position matters less.',
  brightness: 'Brighten or darken photos at random by up to this share of full brightness.',
  contrast: 'Raise or lower contrast at random by up to this share.',
  seed: 'The same seed, settings and photos train the same network again.',
  backend: 'Where training runs. Auto picks the fastest that works on this computer.',
};

/** The engine's defaults, as a form. */
export function defaultForm(): TrainingForm {
  return fromConfig(trainingConfigSchema.parse({}), 'auto');
}

/** A stored run's settings as a form (to train again with the same settings). */
export function fromConfig(config: TrainingConfig, backend: Backend): TrainingForm {
  const { optimizer, schedule, augmentation } = config;
  return {
    epochs: config.epochs,
    batchSize: config.batchSize,
    optimizer: optimizer.type,
    momentum: optimizer.type === 'sgd' ? optimizer.momentum : 0.9,
    learningRate: config.learningRate,
    schedule: schedule.type,
    warmupEpochs: schedule.warmupEpochs,
    stepEvery: schedule.type === 'step' ? schedule.everyEpochs : Math.max(1, Math.round(config.epochs / 3)),
    stepGamma: schedule.type === 'step' ? schedule.gamma : 0.1,
    weightDecay: config.weightDecay,
    flip: augmentation.flip ?? false,
    shift: augmentation.shift ?? 0,
    brightness: augmentation.brightness ?? 0,
    contrast: augmentation.contrast ?? 0,
    seed: config.seed,
    backend,
  };
}

export type FormResult = { readonly ok: true; readonly config: TrainingConfigInput } | { readonly ok: false; readonly field: FormField; readonly message: string };

/** The config the form describes, or the first field the engine refuses, with its message. */
export function toConfig(form: TrainingForm): FormResult {
  const optimizer = form.optimizer === 'sgd' ? { type: 'sgd' as const, momentum: form.momentum } : { type: form.optimizer };
  const schedule =
    form.schedule === 'step'
      ? { type: 'step' as const, everyEpochs: form.stepEvery, gamma: form.stepGamma, warmupEpochs: form.warmupEpochs }
      : { type: form.schedule, warmupEpochs: form.warmupEpochs };
  const config: TrainingConfigInput = {
    epochs: form.epochs,
    batchSize: form.batchSize,
    optimizer,
    learningRate: form.learningRate,
    schedule,
    weightDecay: form.weightDecay,
    augmentation: augmentationOf(form),
    seed: form.seed,
  };
  const parsed = trainingConfigSchema.safeParse(config);
  if (parsed.success) return { ok: true, config };
  const issue = parsed.error.issues[0];
  return { ok: false, field: fieldOf(issue.path), message: `${issue.path.join('.')}: ${issue.message}` };
}

export function augmentationOf(form: TrainingForm): NonNullable<TrainingConfigInput['augmentation']> {
  return {
    ...(form.flip ? { flip: true } : {}),
    ...(form.shift > 0 ? { shift: form.shift } : {}),
    ...(form.brightness > 0 ? { brightness: form.brightness } : {}),
    ...(form.contrast > 0 ? { contrast: form.contrast } : {}),
  };
}

const PATHS: Record<string, FormField> = {
  'optimizer.momentum': 'momentum',
  'schedule.everyEpochs': 'stepEvery',
  'schedule.gamma': 'stepGamma',
  'schedule.warmupEpochs': 'warmupEpochs',
};

function fieldOf(path: readonly PropertyKey[]): FormField {
  const key = path.map(String).join('.');
  if (key in PATHS) return PATHS[key];
  const [head, tail] = path.map(String);
  if (head === 'augmentation' && tail) return tail as FormField;
  return head as FormField;
}
