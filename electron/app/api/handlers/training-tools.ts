// The training screen's own calls: which devices a run can use, and a preview of the augmentation settings
// on the project's photos.
import { augmentPreview } from '../../training/augment-preview.ts';
import { trainingDevices } from '../../training/training-devices.ts';
import { appWebGpu } from '../../training/webgpu-availability.ts';
import type { HandlerTable } from '../service-context.ts';

export const trainingToolHandlers: HandlerTable<'training.devices' | 'training.augmentPreview'> = {
  'training.devices': () => trainingDevices(appWebGpu),
  'training.augmentPreview': ({ project, ...request }, ctx) => augmentPreview(ctx.project(project), request),
};
