// Loss and accuracy of the shown run (train per step, train and validation per epoch), with a second run's
// curves overlaid when one is chosen for comparison.
import type { RunCurves, Curve } from './run-curves.ts';
import { MetricPlot, type PlotSeries } from './metric-plot.tsx';

interface LivePlotsProps {
  readonly shown: { readonly label: string; readonly curves: RunCurves };
  readonly compared: { readonly label: string; readonly curves: RunCurves } | null;
  readonly version: number;
}

const TRAIN = '#1f77b4';
const VALIDATION = '#d9480f';
const OTHER = '#7b52ab';

function seriesOf(curve: Curve, shown: LivePlotsProps['shown'], compared: LivePlotsProps['compared']): PlotSeries[] {
  const c = shown.curves;
  const own: PlotSeries[] = [
    { label: 'train, per step', colour: TRAIN, data: c.step[curve] },
    { label: 'train, per epoch', colour: TRAIN, dash: [2, 4], points: true, data: c.epoch[curve] },
    { label: 'validation, per epoch', colour: VALIDATION, dash: [8, 4], points: true, data: c.validation[curve] },
  ];
  if (!compared) return own;
  return [
    ...own,
    { label: `${compared.label}: train, per step`, colour: OTHER, dash: [1, 2], data: compared.curves.step[curve] },
    { label: `${compared.label}: validation, per epoch`, colour: OTHER, dash: [10, 3], points: true, data: compared.curves.validation[curve] },
  ];
}

export function LivePlots({ shown, compared, version }: LivePlotsProps) {
  return (
    <div className="live-plots">
      <MetricPlot title="Loss" yLabel="loss" series={seriesOf('loss', shown, compared)} version={version} />
      <MetricPlot title="Accuracy" yLabel="accuracy" percent series={seriesOf('accuracy', shown, compared)} version={version} />
    </div>
  );
}
