// One layer parameter as a labelled control: a number box that keeps what is being typed, a padding choice
// (a number, 'same' or 'valid'), or a checkbox. Out-of-range numbers go through, so the engine can say why.
import { useId, useState } from 'react';
import type { LayerField } from './layer-catalog.ts';
import type { FieldValue } from './layer-list.ts';

interface FieldInputProps {
  readonly field: LayerField;
  readonly value: unknown;
  readonly onChange: (value: FieldValue) => void;
}

export function FieldInput({ field, value, onChange }: FieldInputProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const label = (
    <label htmlFor={id}>
      {field.label}
    </label>
  );
  if (field.kind === 'boolean') {
    return (
      <div className="layer-field checkbox" title={field.hint}>
        <input id={id} type="checkbox" checked={(value ?? field.fallback) === true} onChange={(e) => onChange(e.target.checked)} aria-describedby={hintId} />
        {label}
        <span id={hintId} className="visually-hidden">{field.hint}</span>
      </div>
    );
  }
  if (field.kind === 'padding') {
    const mode = value === 'same' || value === 'valid' ? value : 'pixels';
    return (
      <div className="layer-field" title={field.hint}>
        {label}
        <span className="padding-input">
          <select aria-label={`${field.label} kind`} value={mode} onChange={(e) => onChange(e.target.value === 'pixels' ? 0 : e.target.value)}>
            <option value="pixels">pixels</option>
            <option value="same">same</option>
            <option value="valid">valid</option>
          </select>
          {mode === 'pixels' && <NumberBox id={id} field={field} value={typeof value === 'number' ? value : Number(field.fallback)} onChange={onChange} hintId={hintId} />}
        </span>
        <span id={hintId} className="visually-hidden">{field.hint}</span>
      </div>
    );
  }
  return (
    <div className="layer-field" title={field.hint}>
      {label}
      <NumberBox id={id} field={field} value={typeof value === 'number' ? value : undefined} onChange={onChange} hintId={hintId} />
      <span id={hintId} className="visually-hidden">{field.hint}</span>
    </div>
  );
}

function NumberBox({ id, field, value, onChange, hintId }: { id: string; field: LayerField; value: number | undefined; onChange: (v: FieldValue) => void; hintId: string }) {
  const shown = value === undefined ? '' : String(value);
  const [text, setText] = useState(shown);
  const [last, setLast] = useState(shown);
  // Follow changes from elsewhere (a fix, an undo) without clobbering "0." while it is being typed.
  if (shown !== last) {
    setLast(shown);
    if (Number(text) !== value) setText(shown);
  }
  return (
    <input
      id={id} type="number" inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'} value={text}
      min={field.min} max={field.max} step={field.step ?? 1} placeholder={String(field.fallback)} aria-describedby={hintId}
      onChange={(e) => {
        setText(e.target.value);
        // Empty means "use the default"; anything else numeric goes to the engine, which checks its range.
        if (e.target.value === '') onChange(undefined);
        else if (Number.isFinite(e.target.valueAsNumber)) onChange(e.target.valueAsNumber);
      }}
    />
  );
}
