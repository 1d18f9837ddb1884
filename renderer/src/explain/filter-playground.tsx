// The filter playground: a classic 3×3 kernel chosen by the user slides over the photo's brightness, and the
// result is drawn next to it, with the kernel's weights, so a feature detector is something one can watch.
import { useMemo, useState } from 'react';
import { toRgba } from './colour-map.ts';
import { convolve3x3, PLAYGROUND_KERNELS } from './kernels.ts';
import { PlaneCanvas } from './plane-canvas.tsx';

interface Props {
  /** The input's brightness, H×W in [0, 1]. */
  readonly plane: Float32Array;
  readonly height: number;
  readonly width: number;
}

export function FilterPlayground({ plane, height, width }: Props) {
  const [kernelId, setKernelId] = useState('edges');
  const kernel = PLAYGROUND_KERNELS.find((k) => k.id === kernelId) ?? PLAYGROUND_KERNELS[0];
  const output = useMemo(() => convolve3x3(plane, height, width, kernel.weights), [plane, height, width, kernel]);
  const signed = kernel.shows === 'signed';
  return (
    <section className="explain-panel" aria-labelledby="playground-title">
      <h3 id="playground-title">Filter playground</h3>
      <p className="hint">A conv layer slides small grids of weights over the image. Try the classic ones on this photo.</p>
      <div className="kernel-choices" role="radiogroup" aria-label="Kernel">
        {PLAYGROUND_KERNELS.map((k) => (
          <label key={k.id}>
            <input type="radio" name="kernel" value={k.id} checked={k.id === kernel.id} onChange={() => setKernelId(k.id)} /> {k.name}
          </label>
        ))}
      </div>
      <div className="playground-row">
        <figure>
          <PlaneCanvas width={width} height={height} rgba={toRgba(plane, 'magnitude', 1)} label="The photo's brightness" size={128} />
          <figcaption>Brightness</figcaption>
        </figure>
        <figure>
          <table className="kernel-weights" aria-label={`${kernel.name} weights`}>
            <tbody>
              {[0, 1, 2].map((row) => (
                <tr key={row}>
                  {kernel.weights.slice(row * 3, row * 3 + 3).map((w, i) => (
                    <td key={i}>{Number.isInteger(w) ? w : w.toFixed(3)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <figcaption>{kernel.name} kernel</figcaption>
        </figure>
        <figure>
          <PlaneCanvas width={width} height={height} rgba={toRgba(output, signed ? 'signed' : 'magnitude', signed ? undefined : 1)} label={`The photo filtered with ${kernel.name}`} size={128} />
          <figcaption>Result{signed ? ' (blue below 0, orange above)' : ''}</figcaption>
        </figure>
      </div>
      <p className="hint">{kernel.effect}</p>
    </section>
  );
}
