// Augmentation toggles and a preview: a few of the project's training photos as the network sees them,
// each drawn several times with the chosen augmentation, so a person sees what "shift 3" means.
import { useEffect, useRef, useState } from 'react';
import type { AugmentPreview } from '../../../electron/contract/design-and-training-responses.ts';
import { useApi } from '../app/api-context.ts';
import { LatestOnly, type Outcome } from '../architecture/latest-only.ts';
import { Field } from './hyperparameter-form.tsx';
import { augmentationOf, type TrainingForm } from './hyperparameters.ts';
import { toRgba } from './tensor-image.ts';
import type { Training } from './use-training.ts';

const PREVIEW_DELAY_MS = 250;

export function AugmentationPanel({ project, training }: { readonly project: string; readonly training: Training }) {
  const api = useApi();
  const { form, setForm, formResult } = training;
  const bad = formResult.ok ? null : formResult.field;
  const set = <K extends keyof TrainingForm>(key: K, value: TrainingForm[K]) => setForm({ ...form, [key]: value });
  const [preview, setPreview] = useState<Outcome<AugmentPreview>>({ state: 'idle' });
  const [previewer] = useState(() => new LatestOnly((r: { augmentation: ReturnType<typeof augmentationOf>; seed: number }) => api.training.augmentPreview({ project, ...r, samples: 4, variants: 4 }), setPreview, PREVIEW_DELAY_MS));
  const augmentation = augmentationOf(form);
  const key = JSON.stringify(augmentation);
  const images = training.trainImages;

  useEffect(() => {
    // Only a valid augmentation is previewed; an invalid one is reported on its field.
    if (bad === 'shift' || bad === 'brightness' || bad === 'contrast') return;
    previewer.schedule({ augmentation: JSON.parse(key) as ReturnType<typeof augmentationOf>, seed: form.seed });
    return () => void previewer.cancel();
  }, [previewer, key, form.seed, bad, images]);

  const slider = (field: 'brightness' | 'contrast', label: string) => (
    <Field label={label} field={field} bad={bad} message={formResult.ok ? '' : formResult.message}>
      {(id, d) => (
        <span className="slider">
          <input id={id} aria-describedby={d} type="range" min={0} max={0.5} step={0.05} value={form[field]} onChange={(e) => set(field, e.target.valueAsNumber)} />
          <output htmlFor={id}>±{Math.round(form[field] * 100)}%</output>
        </span>
      )}
    </Field>
  );

  return (
    <fieldset className="augmentation">
      <legend>Augmentation</legend>
      <Field label="Flip left–right" field="flip" bad={bad}>
        {(id, d) => <input id={id} aria-describedby={d} type="checkbox" checked={form.flip} onChange={(e) => set('flip', e.target.checked)} />}
      </Field>
      <Field label="Shift (pixels)" field="shift" bad={bad} message={formResult.ok ? '' : formResult.message}>
        {(id, d) => (
          <input id={id} aria-describedby={d} type="number" min={0} max={64} value={Number.isNaN(form.shift) ? '' : form.shift} onChange={(e) => set('shift', e.target.valueAsNumber)} />
        )}
      </Field>
      {slider('brightness', 'Brightness')}
      {slider('contrast', 'Contrast')}
      <AugmentPreviewView outcome={preview} />
    </fieldset>
  );
}

function AugmentPreviewView({ outcome }: { outcome: Outcome<AugmentPreview> }) {
  if (outcome.state === 'failed') return <p className="error">Preview: {outcome.message}</p>;
  if (outcome.state !== 'done') return <p className="hint" aria-live="polite">Preparing the preview…</p>;
  const { samples, height, width, channels } = outcome.value;
  if (samples.length === 0) return <p className="hint">The preview shows labelled photos of the train split; there are none yet.</p>;
  return (
    <figure className="augment-preview">
      <figcaption>Preview: each row is one training photo, first as it is, then as training might see it</figcaption>
      {samples.map((s) => (
        <div className="augment-row" key={s.imageId}>
          <TensorCanvas bytes={s.original} height={height} width={width} channels={channels} label={`photo ${s.imageId} as it is`} original />
          {s.augmented.map((bytes, i) => (
            <TensorCanvas key={i} bytes={bytes} height={height} width={width} channels={channels} label={`photo ${s.imageId}, augmented sample ${i + 1}`} />
          ))}
        </div>
      ))}
    </figure>
  );
}

function TensorCanvas({ bytes, height, width, channels, label, original = false }: { bytes: ArrayBuffer; height: number; width: number; channels: 1 | 3; label: string; original?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    context?.putImageData(new ImageData(toRgba(new Uint8Array(bytes), height, width, channels), width, height), 0, 0);
  }, [bytes, height, width, channels]);
  return <canvas ref={canvas} width={width} height={height} role="img" aria-label={label} className={original ? 'original' : undefined} />;
}
