// Max pooling next to average pooling of the same feature maps (the first pool layer's input), so the user
// sees what each keeps: the strongest response, or the mean of the window.
import { toRgba, valueRange } from './colour-map.ts';
import { poolWindow, type PoolingStage } from './explain-layout.ts';
import { PlaneCanvas } from './plane-canvas.tsx';
import { channelPlane } from './planes.ts';
import { pool2d } from './pooling.ts';

const CHANNELS = 3;

export function PoolingCompare({ stage }: { readonly stage: PoolingStage }) {
  const [H, W] = stage.input.shape;
  const sent = stage.input.channelsSent;
  const size = poolWindow(stage);
  return (
    <section className="explain-panel" aria-labelledby="pooling-title">
      <h3 id="pooling-title">Max vs average pooling</h3>
      <p className="hint">
        Layer {stage.pool.index} ({stage.pool.type}) shrinks {H}×{W} maps with {size}×{size} windows. Max keeps each window&apos;s strongest response;
        average smooths it.
      </p>
      <table className="pooling-table">
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">Input {H}×{W}</th>
            <th scope="col">Max pooled</th>
            <th scope="col">Average pooled</th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: Math.min(sent, CHANNELS) }, (_, c) => {
            const plane = channelPlane(stage.input.data, [H, W, sent], c);
            const max = pool2d(plane, H, W, size, 'max');
            const average = pool2d(plane, H, W, size, 'average');
            // One scale per row: the average is visibly dimmer than the max, as it is.
            const scale = Math.max(valueRange(plane).max, 1e-6);
            return (
              <tr key={c}>
                <th scope="row">{c + 1}</th>
                <td><PlaneCanvas width={W} height={H} rgba={toRgba(plane, 'magnitude', scale)} label={`Channel ${c + 1} before pooling`} size={96} /></td>
                <td><PlaneCanvas width={max.width} height={max.height} rgba={toRgba(max.data, 'magnitude', scale)} label={`Channel ${c + 1}, max pooled`} size={96} /></td>
                <td><PlaneCanvas width={average.width} height={average.height} rgba={toRgba(average.data, 'magnitude', scale)} label={`Channel ${c + 1}, average pooled`} size={96} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
