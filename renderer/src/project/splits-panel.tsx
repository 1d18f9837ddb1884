// Train/validation/test: the ratios new images are split by (changing them re-splits the automatic ones),
// and moving the selected images to a split by hand.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ProjectSettings } from '../../../electron/contract/api-responses.ts';
import { useApi } from '../app/api-context.ts';
import type { WorkbenchModel } from './workbench-model.ts';

interface Props {
  readonly model: WorkbenchModel;
  readonly settings: ProjectSettings;
  /** The registry's button for a command (the split moves are commands with shortcuts). */
  readonly commandButton: (id: string, label: string) => ReactNode;
}

export function SplitsPanel({ model, settings, commandButton }: Props) {
  const api = useApi();
  const r = settings.splitRatios;
  const [ratios, setRatios] = useState({ train: Math.round(r.train * 100), validation: Math.round(r.validation * 100), test: Math.round(r.test * 100) });
  const sum = ratios.train + ratios.validation + ratios.test;
  const save = (event: FormEvent) => {
    event.preventDefault();
    void model.run(() =>
      api.settings.update({ project: model.project, changes: { splitRatios: { train: ratios.train / 100, validation: ratios.validation / 100, test: ratios.test / 100 } } }),
    );
  };
  return (
    <section className="splits-panel" aria-labelledby="splits-title">
      <h2 id="splits-title">Splits</h2>
      <form onSubmit={save}>
        {(['train', 'validation', 'test'] as const).map((split) => (
          <label key={split}>
            {split} %
            <input id={`split-ratio-${split}`} type="number" min={0} max={100} value={ratios[split]} onChange={(e) => setRatios({ ...ratios, [split]: Number(e.target.value) })} />
          </label>
        ))}
        <button type="submit" disabled={sum !== 100}>
          Apply ratios
        </button>
        {sum !== 100 && <p className="hint">The three must add up to 100 (now {sum}).</p>}
      </form>
      <div className="row" role="group" aria-label="Move the selected images to a split">
        {commandButton('move-train', '→ train')}
        {commandButton('move-validation', '→ validation')}
        {commandButton('move-test', '→ test')}
      </div>
    </section>
  );
}
