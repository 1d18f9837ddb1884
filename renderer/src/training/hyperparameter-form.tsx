// The training settings as a form: each field labelled, with its plain-language hint, and the field the
// engine refuses marked with its message.
import { useId, type ReactNode } from 'react';
import { HINTS, type FormField, type TrainingForm } from './hyperparameters.ts';
import type { Training } from './use-training.ts';

export function HyperparameterForm({ training }: { readonly training: Training }) {
  const { form, setForm, formResult, devices } = training;
  const bad = formResult.ok ? null : formResult.field;
  const set = <K extends FormField>(key: K, value: TrainingForm[K]) => setForm({ ...form, [key]: value });
  const number = (key: FormField, label: string, props: { min?: number; max?: number; step?: number | 'any' } = {}) => (
    <Field label={label} field={key} bad={bad} message={formResult.ok ? '' : formResult.message}>
      {(id, describedBy) => (
        <NumberInput id={id} describedBy={describedBy} value={form[key] as number} invalid={bad === key} {...props} onChange={(v) => set(key, v as never)} />
      )}
    </Field>
  );
  const cpu = devices?.devices.find((d) => d.backend === 'cpu');
  const webgpu = devices?.devices.find((d) => d.backend === 'webgpu');
  return (
    <fieldset className="hyperparameters">
      <legend>Settings</legend>
      {number('epochs', 'Epochs', { min: 1, max: 10_000 })}
      {number('batchSize', 'Batch size', { min: 1, max: 4096 })}
      <Field label="Optimizer" field="optimizer" bad={bad}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={form.optimizer} onChange={(e) => set('optimizer', e.target.value as TrainingForm['optimizer'])}>
            <option value="adam">Adam</option>
            <option value="adamw">AdamW</option>
            <option value="sgd">SGD</option>
          </select>
        )}
      </Field>
      {form.optimizer === 'sgd' && number('momentum', 'Momentum', { min: 0, max: 0.99, step: 0.05 })}
      {number('learningRate', 'Learning rate', { min: 0, max: 10, step: 'any' })}
      <Field label="Schedule" field="schedule" bad={bad}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={form.schedule} onChange={(e) => set('schedule', e.target.value as TrainingForm['schedule'])}>
            <option value="constant">Constant</option>
            <option value="step">Step decay</option>
            <option value="cosine">Cosine</option>
          </select>
        )}
      </Field>
      {form.schedule === 'step' && number('stepEvery', 'Lower every (epochs)', { min: 1 })}
      {form.schedule === 'step' && number('stepGamma', 'Multiply by', { min: 0, max: 1, step: 0.05 })}
      {number('warmupEpochs', 'Warm-up epochs', { min: 0, step: 'any' })}
      {number('weightDecay', 'Weight decay', { min: 0, max: 1, step: 'any' })}
      {number('seed', 'Seed', { min: 0 })}
      <Field label="Backend" field="backend" bad={bad}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={form.backend} onChange={(e) => set('backend', e.target.value as TrainingForm['backend'])}>
            <option value="auto">Auto: {devices?.auto === 'webgpu' ? 'WebGPU' : 'CPU'}</option>
            <option value="cpu">CPU</option>
            <option value="webgpu" disabled={!webgpu?.available}>WebGPU{webgpu && !webgpu.available ? ' (unavailable)' : ''}</option>
          </select>
        )}
      </Field>
      <p className="hint device-line">
        CPU: {cpu?.device ?? 'detecting…'}
        {webgpu && <><br />WebGPU: {webgpu.available ? webgpu.device : `unavailable, ${webgpu.reason}`}</>}
      </p>
    </fieldset>
  );
}

interface FieldProps {
  readonly label: string;
  readonly field: FormField;
  readonly bad: FormField | null;
  readonly message?: string;
  readonly children: (id: string, describedBy: string) => ReactNode;
}

export function Field({ label, field, bad, message, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = bad === field;
  return (
    <div className={`form-field${invalid ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, invalid ? `${errorId} ${hintId}` : hintId)}
      <p id={hintId} className="hint">{HINTS[field]}</p>
      {invalid && <p id={errorId} className="error" role="alert">{message}</p>}
    </div>
  );
}

interface NumberInputProps {
  readonly id: string;
  readonly describedBy: string;
  readonly value: number;
  readonly invalid: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number | 'any';
  readonly onChange: (value: number) => void;
}

function NumberInput({ id, describedBy, value, invalid, min, max, step = 1, onChange }: NumberInputProps) {
  return (
    <input
      id={id} type="number" aria-describedby={describedBy} aria-invalid={invalid || undefined} min={min} max={max} step={step}
      // An emptied box is NaN, which the engine's schema refuses and the form reports on this field.
      defaultValue={value} onChange={(e) => onChange(e.target.valueAsNumber)}
    />
  );
}
