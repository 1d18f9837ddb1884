// Numbers as the editor and the training screen show them: counts with separators, FLOPs and durations in
// units a person reads at a glance.

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** 1234567 → "1.23 M". */
export function formatCompact(n: number): string {
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [size, unit] of units) if (Math.abs(n) >= size) return `${(n / size).toPrecision(3).replace(/\.?0+$/, '')} ${unit}`;
  return String(Math.round(n));
}

export function formatShape(shape: readonly number[]): string {
  return shape.join('×');
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 1) return 'under 1 s';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
