// The edits of the layer list as pure functions on the spec: add, remove, move, duplicate and set one
// parameter. Each returns a new spec, so the editor can compare, undo and analyse without copying by hand.
import type { LayerSpec, ModelSpec } from '../../../core/spec/model-spec.ts';

export type FieldValue = number | boolean | string | undefined;

/** Inserts before the closing softmax when there is one, so adding a layer never breaks the output. */
export function addLayer(spec: ModelSpec, layer: LayerSpec, at?: number): ModelSpec {
  const { layers } = spec;
  const end = layers.at(-1)?.type === 'softmax' ? layers.length - 1 : layers.length;
  const i = at === undefined ? end : clamp(at, 0, layers.length);
  return { ...spec, layers: [...layers.slice(0, i), layer, ...layers.slice(i)] };
}

export function removeLayer(spec: ModelSpec, i: number): ModelSpec {
  return { ...spec, layers: spec.layers.filter((_, k) => k !== i) };
}

/** Moves layer i by delta places (−1 up, +1 down); out of range leaves the list as it is. */
export function moveLayer(spec: ModelSpec, i: number, delta: number): ModelSpec {
  const to = i + delta;
  if (i < 0 || i >= spec.layers.length || to < 0 || to >= spec.layers.length) return spec;
  const layers = [...spec.layers];
  const [layer] = layers.splice(i, 1);
  layers.splice(to, 0, layer);
  return { ...spec, layers };
}

export function duplicateLayer(spec: ModelSpec, i: number): ModelSpec {
  const layer = spec.layers[i];
  if (!layer) return spec;
  return { ...spec, layers: [...spec.layers.slice(0, i + 1), { ...layer }, ...spec.layers.slice(i + 1)] };
}

/** Sets one parameter; undefined removes it, so the engine's default applies. */
export function setLayerField(spec: ModelSpec, i: number, key: string, value: FieldValue): ModelSpec {
  const layer = spec.layers[i];
  if (!layer || key === 'type') return spec;
  const next: Record<string, unknown> = { ...layer };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return { ...spec, layers: spec.layers.map((l, k) => (k === i ? (next as LayerSpec) : l)) };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
