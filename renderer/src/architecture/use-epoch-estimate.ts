// The measured time per epoch of a network, re-measured (in the main process's worker) a moment after the
// network or the estimate's settings last changed; only the newest answer is shown.
import { useEffect, useState } from 'react';
import type { ModelSpec } from '../../../core/spec/model-spec.ts';
import type { EpochEstimate, TrainingDevices } from '../../../electron/contract/design-and-training-responses.ts';
import { useApi } from '../app/api-context.ts';
import { LatestOnly, type Outcome } from './latest-only.ts';

export type Backend = 'auto' | 'cpu' | 'webgpu';

export interface EstimateSettings {
  readonly backend: Backend;
  readonly batchSize: number;
}

const ESTIMATE_DELAY_MS = 600;

/** `spec` is null while the network cannot train: there is nothing to measure. */
export function useEpochEstimate(project: string, spec: ModelSpec | null, settings: EstimateSettings, devices: TrainingDevices | null): Outcome<EpochEstimate> {
  const api = useApi();
  const [estimate, setEstimate] = useState<Outcome<EpochEstimate>>({ state: 'idle' });
  const [estimator] = useState(() => new LatestOnly((r: { spec: ModelSpec } & EstimateSettings) => api.architectures.estimate({ project, ...r }), setEstimate, ESTIMATE_DELAY_MS));

  useEffect(() => {
    if (!spec) {
      estimator.cancel();
      setEstimate({ state: 'idle' });
    } else if (settings.backend === 'webgpu') {
      estimator.cancel();
      setEstimate({ state: 'failed', message: devices?.devices.find((d) => d.backend === 'webgpu')?.reason ?? 'WebGPU is not available' });
    } else {
      estimator.schedule({ spec, ...settings });
    }
  }, [estimator, spec, settings, devices]);
  useEffect(() => () => void estimator.cancel(), [estimator]);

  return estimate;
}
