// The first conv layer's learned filters, each drawn as its weights (averaged over input channels).
import type { ImageExplanation } from '../../../electron/contract/insight-responses.ts';
import { toRgba, valueRange } from './colour-map.ts';
import { PlaneCanvas } from './plane-canvas.tsx';
import { filterPlane } from './planes.ts';

export function LearnedFilters({ filters }: { readonly filters: NonNullable<ImageExplanation['filters']> }) {
  const [OC, KH, KW, C] = filters.shape;
  // One scale for all filters, so a strong filter looks stronger than a weak one.
  const { min, max } = valueRange(filters.data);
  const scale = Math.max(Math.abs(min), Math.abs(max));
  return (
    <section className="explain-panel" aria-labelledby="filters-title">
      <h3 id="filters-title">Learned filters of layer {filters.layerIndex}</h3>
      <p className="hint">
        {OC} filters of {KH}×{KW}
        {C > 1 ? ` over ${C} channels (averaged here)` : ''}, learned from your photos. Orange weights add brightness, blue ones subtract it.
      </p>
      <div className="map-row">
        {Array.from({ length: OC }, (_, f) => (
          <figure key={f}>
            <PlaneCanvas width={KW} height={KH} rgba={toRgba(filterPlane(filters.data, filters.shape, f), 'signed', scale)} label={`Filter ${f + 1}`} size={56} />
            <figcaption>{f + 1}</figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
