// The architecture editor's calls: saved architectures (list, save, delete) and the measured time per epoch
// of a network on this project's photos.
import { SpecError } from '../../../../core/spec/spec-error.ts';
import { ApiError } from '../../../contract/api-error.ts';
import { BenchmarkCancelled, EpochEstimates } from '../../training/epoch-estimates.ts';
import type { HandlerTable, ServiceContext } from '../service-context.ts';

type ArchitectureCalls = 'architectures.list' | 'architectures.save' | 'architectures.delete' | 'architectures.estimate';

/** One estimator per service (the context is the service's), so a newer request can replace an older one. */
const estimators = new WeakMap<ServiceContext, EpochEstimates>();

export const architectureHandlers: HandlerTable<ArchitectureCalls> = {
  'architectures.list': ({ project }, ctx) => ctx.project(project).store.architectures.list(),
  'architectures.save': ({ project, name, spec, architectureId }, ctx) =>
    ctx.project(project).store.architectures.save({ name, spec, id: architectureId }),
  'architectures.delete': ({ project, architectureId }, ctx) => {
    ctx.project(project).store.architectures.delete(architectureId);
    return { deleted: true };
  },
  'architectures.estimate': async ({ project, spec, batchSize, backend }, ctx) => {
    if (backend === 'webgpu') throw new ApiError('unsupported', 'backend', 'training on WebGPU is not available yet; estimate for the CPU');
    let estimator = estimators.get(ctx);
    if (!estimator) estimators.set(ctx, (estimator = new EpochEstimates()));
    try {
      return await estimator.estimate(project, ctx.project(project), spec, batchSize);
    } catch (error) {
      if (error instanceof BenchmarkCancelled) throw new ApiError('conflict', 'spec', error.message);
      // The engine's message names the layer; the field is this call's own.
      if (error instanceof SpecError) throw new ApiError('invalid-request', 'spec', error.message);
      throw error;
    }
  },
};
