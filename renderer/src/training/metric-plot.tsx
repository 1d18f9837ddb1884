// One live chart (uPlot on a canvas): created once per set of series, fed new data at most once per
// animation frame, resized with its box. A text line under it says the latest values, for screen readers
// and for anyone who wants the number rather than the line.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { FrameThrottle } from './frame-throttle.ts';
import { alignSeries, type Series } from './run-curves.ts';

export interface PlotSeries {
  readonly label: string;
  readonly colour: string;
  /** Dashes and markers tell series apart without colour. */
  readonly dash?: number[];
  readonly points?: boolean;
  readonly data: Series;
}

interface MetricPlotProps {
  readonly title: string;
  readonly yLabel: string;
  readonly percent?: boolean;
  readonly series: readonly PlotSeries[];
  /** Changes whenever any series gained points. */
  readonly version: number;
}

/** Points per series drawn; a long run is decimated to this (keeping spikes). */
const MAX_POINTS = 2000;
const HEIGHT = 230;

export function MetricPlot({ title, yLabel, percent = false, series, version }: MetricPlotProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const throttle = useRef<FrameThrottle | null>(null);
  const latest = useRef(series);
  latest.current = series;
  const shape = series.map((s) => s.label).join('|');

  useEffect(() => {
    const element = box.current!;
    const fg = getComputedStyle(element).color;
    const grid = getComputedStyle(element).getPropertyValue('--border').trim() || '#d5d8de';
    const format = (v: number) => (percent ? `${Math.round(v * 100)}%` : String(Number(v.toPrecision(3))));
    const u = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: HEIGHT,
        scales: { x: { time: false }, ...(percent ? { y: { range: [0, 1] } } : {}) },
        axes: [
          { label: 'step', stroke: fg, grid: { stroke: grid } },
          { label: yLabel, stroke: fg, grid: { stroke: grid }, values: (_u, values) => values.map(format) },
        ],
        series: [
          { label: 'step' },
          ...latest.current.map((s) => ({
            label: s.label, stroke: s.colour, width: 2, dash: s.dash, spanGaps: true,
            // Epoch series always mark their points; step series let uPlot mark them while they are sparse
            // (so a run's first report is visible) and draw a plain line once they are dense.
            points: s.points ? { show: true, size: 7, fill: s.colour } : { size: 5, fill: s.colour },
            value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
          })),
        ],
        // The latest values are in the text line below; the legend only names the lines.
        legend: { live: false },
      },
      alignSeries(latest.current.map((s) => s.data), MAX_POINTS),
      element,
    );
    plot.current = u;
    throttle.current = new FrameThrottle(() => u.setData(alignSeries(latest.current.map((s) => s.data), MAX_POINTS)));
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, element.clientWidth), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      throttle.current?.cancel();
      u.destroy();
      plot.current = null;
    };
  }, [shape, percent, yLabel]);

  useEffect(() => {
    throttle.current?.request();
  }, [version]);

  const points = series.reduce((n, s) => n + s.data.xs.length, 0);
  return (
    <figure className="metric-plot" data-points={points}>
      <figcaption>{title}</figcaption>
      <div ref={box} className="plot-box" role="img" aria-label={`${title} chart`} />
      <p className="plot-latest">
        {series.map((s) => {
          const y = s.data.ys.at(-1);
          return (
            <span key={s.label}>
              {s.label}: {y === undefined ? 'no points yet' : `${percent ? `${(y * 100).toFixed(1)}%` : y.toFixed(3)} at step ${s.data.xs.at(-1)}`}
            </span>
          );
        })}
      </p>
    </figure>
  );
}
