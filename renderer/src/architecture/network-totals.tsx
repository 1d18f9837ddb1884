// The network as a whole: parameters, FLOPs, output, and the time one epoch would take on the chosen
// backend, measured on this computer.
import { useId } from 'react';
import { formatCompact, formatCount, formatDuration } from './format.ts';
import type { Design } from './use-design.ts';
import type { Backend } from './use-epoch-estimate.ts';

export function NetworkTotals({ design }: { readonly design: Design }) {
  const backendId = useId();
  const batchId = useId();
  const { analysis, estimate, estimateSettings, devices } = design;
  if (!analysis) return null;
  const cpu = devices?.devices.find((d) => d.backend === 'cpu');
  return (
    <section className="network-totals" aria-labelledby={`${backendId}-title`}>
      <h2 id={`${backendId}-title`}>Whole network</h2>
      <dl>
        <div><dt>Parameters</dt><dd>{formatCount(analysis.params)}</dd></div>
        <div><dt>FLOPs per image</dt><dd title={formatCount(analysis.flops)}>{formatCompact(analysis.flops)}</dd></div>
        <div><dt>Can train</dt><dd>{analysis.trainable ? 'yes' : 'no, fix the problem first'}</dd></div>
      </dl>
      <div className="estimate-settings">
        <label htmlFor={backendId}>Backend</label>
        <select id={backendId} value={estimateSettings.backend} onChange={(e) => design.setEstimateSettings({ ...estimateSettings, backend: e.target.value as Backend })}>
          <option value="auto">Auto ({devices?.auto === 'cpu' ? 'CPU' : 'WebGPU'})</option>
          <option value="cpu">CPU</option>
          <option value="webgpu">WebGPU (unavailable)</option>
        </select>
        <label htmlFor={batchId}>Batch size</label>
        <input
          id={batchId} type="number" min={1} max={4096} value={estimateSettings.batchSize}
          onChange={(e) => Number.isInteger(e.target.valueAsNumber) && e.target.valueAsNumber >= 1 && design.setEstimateSettings({ ...estimateSettings, batchSize: Math.min(4096, e.target.valueAsNumber) })}
        />
      </div>
      {cpu && <p className="hint">Detected: {cpu.device}</p>}
      <p className="estimate" aria-live="polite">
        <EstimateText design={design} />
      </p>
      {estimate.state === 'done' && (
        <p className="hint">
          Measured {estimate.value.measuredSteps} training steps on {estimate.value.device}: {formatCount(estimate.value.imagesPerSecond)} images/s, for {formatCount(estimate.value.trainImages)} training photos.
        </p>
      )}
    </section>
  );
}

function EstimateText({ design }: { design: Design }) {
  const { estimate, analysis } = design;
  if (!analysis?.trainable) return <>Time per epoch: fix the network to measure it.</>;
  switch (estimate.state) {
    case 'idle':
    case 'waiting':
      return <>Time per epoch: measuring…</>;
    case 'failed':
      return <>Time per epoch: {estimate.message}</>;
    case 'done':
      if (estimate.value.trainImages === 0) return <>Time per epoch: label some photos in the train split to estimate it.</>;
      return <>Time per epoch: <strong>about {formatDuration(estimate.value.secondsPerEpoch)}</strong> on the CPU</>;
  }
}
