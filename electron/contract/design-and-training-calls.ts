// The calls of the architecture editor and the training screen: saved architectures, a measured time per
// epoch, the training devices and an augmentation preview. api-contract.ts spreads them into its table.
import { z } from 'zod';
import { augmentationSchema } from '../../core/train/augment.ts';
import type { BACKENDS } from './api-contract.ts';
import { call, type CallDefinition } from './call-definition.ts';
import type * as R from './design-and-training-responses.ts';
import { empty, id, name, onProject } from './request-schemas.ts';

// The values of api-contract's BACKENDS, written out: importing the value would be a cycle with api-contract.
const backend = z.enum(['auto', 'cpu', 'webgpu'] as const satisfies typeof BACKENDS);

export const designAndTrainingCalls = {
  'architectures.list': call('the architectures saved with the project, by name', onProject({})).returns<R.SavedArchitecture[]>(),
  'architectures.save': call(
    'save a designed network under a name, or replace a saved one',
    onProject({
      name,
      /** A model spec; checked by the engine's schema, which names the faulty layer and field. */
      spec: z.unknown(),
      architectureId: id.optional(),
    }),
  ).returns<R.SavedArchitecture>(),
  'architectures.delete': call('forget a saved architecture', onProject({ architectureId: id })).returns<{ deleted: true }>(),
  'architectures.estimate': call(
    'time a few training steps of a network on this machine and estimate one epoch on the project\'s photos',
    onProject({ spec: z.unknown(), batchSize: z.number().int().min(1).max(4096), backend: backend.default('auto') }),
  ).returns<R.EpochEstimate>(),

  'training.devices': call('the devices a run can train on, and what auto picks', empty).returns<R.TrainingDevices>(),
  'training.augmentPreview': call(
    'a few training photos as the network sees them, each augmented several times',
    onProject({
      augmentation: augmentationSchema,
      samples: z.number().int().min(1).max(8).default(4),
      variants: z.number().int().min(1).max(6).default(3),
      seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
    }),
  ).returns<R.AugmentPreview>(),
} as const satisfies Record<string, CallDefinition>;
