// Every conv layer's feature maps before and after its ReLU, channel by channel, with the share of negative
// values the ReLU removes written out (the colours show it too, never alone).
import { percent } from '../evaluation/confusion-grid.ts';
import { toRgba } from './colour-map.ts';
import type { ConvStage, LayerOutput } from './explain-layout.ts';
import { PlaneCanvas } from './plane-canvas.tsx';
import { channelPlane, negativeShare } from './planes.ts';

/** Channels drawn per layer; a wide layer says how many more it has. */
export const MAPS_SHOWN = 8;

function MapRow({ layer, title, kind }: { readonly layer: LayerOutput; readonly title: string; readonly kind: 'signed' | 'magnitude' }) {
  const [H, W, C] = layer.shape;
  const shown = Math.min(layer.channelsSent, MAPS_SHOWN);
  return (
    <div className="map-group">
      <h5>
        {title} <span className="muted">· {percent(negativeShare(layer.data), 0)} negative</span>
      </h5>
      <div className="map-row">
        {Array.from({ length: shown }, (_, c) => (
          <PlaneCanvas key={c} width={W} height={H} rgba={toRgba(channelPlane(layer.data, [H, W, layer.channelsSent], c), kind)} label={`${title}, channel ${c + 1}`} size={72} />
        ))}
        {C > shown && <span className="muted more-maps">+{C - shown} more</span>}
      </div>
    </div>
  );
}

export function FeatureMaps({ stages }: { readonly stages: readonly ConvStage[] }) {
  return (
    <section className="explain-panel" aria-labelledby="maps-title">
      <h3 id="maps-title">Feature maps</h3>
      <p className="hint">What each filter found in this photo. ReLU keeps the positive responses (orange) and sets the negative ones (blue) to 0.</p>
      {stages.map(({ conv, relu }) => (
        <div key={conv.index} className="feature-stage" data-layer={conv.index}>
          <h4>
            Layer {conv.index}: conv2d · {conv.shape.join('×')}
          </h4>
          <MapRow layer={conv} title="Before ReLU" kind="signed" />
          {relu && <MapRow layer={relu} title={`After ReLU (layer ${relu.index})`} kind="magnitude" />}
        </div>
      ))}
    </section>
  );
}
