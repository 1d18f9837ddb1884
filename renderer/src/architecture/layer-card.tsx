// One layer of the list: what it is, its parameters, and live what it makes of its input (shape with the
// worked formula, parameters, FLOPs, receptive field), or its problem; with move, duplicate and remove.
import type { LayerInfo } from '../../../core/spec/analyze.ts';
import type { LayerSpec, ModelSpec } from '../../../core/spec/model-spec.ts';
import { FieldInput } from './field-input.tsx';
import { formatCompact, formatCount, formatShape } from './format.ts';
import { LAYER_KINDS } from './layer-catalog.ts';
import type { FieldValue } from './layer-list.ts';
import { ProblemNote } from './problem-note.tsx';
import type { DraftProblem } from './spec-analysis.ts';

export interface LayerCardProps {
  readonly index: number;
  readonly count: number;
  readonly layer: LayerSpec;
  readonly info: LayerInfo | null;
  readonly problem: DraftProblem | null;
  readonly onField: (key: string, value: FieldValue) => void;
  readonly onMove: (delta: -1 | 1) => void;
  readonly onDuplicate: () => void;
  readonly onRemove: () => void;
  readonly onFix: (spec: ModelSpec) => void;
}

export function LayerCard({ index, count, layer, info, problem, onField, onMove, onDuplicate, onRemove, onFix }: LayerCardProps) {
  const kind = LAYER_KINDS[layer.type];
  const number = index + 1;
  const values = layer as Record<string, unknown>;
  return (
    <li className={`layer-card${problem ? ' has-problem' : ''}`} aria-label={`Layer ${number}: ${kind.title}${problem ? ' (has a problem)' : ''}`} data-layer={number}>
      <div className="layer-head">
        <span className="layer-number" aria-hidden="true">{number}</span>
        <div className="layer-title">
          <strong>{kind.title}</strong>
          <span className="hint">{kind.summary}</span>
        </div>
        <div className="layer-actions" role="group" aria-label={`Layer ${number} actions`}>
          <button type="button" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move layer ${number} up`} title="Move up">↑</button>
          <button type="button" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move layer ${number} down`} title="Move down">↓</button>
          <button type="button" onClick={onDuplicate} aria-label={`Duplicate layer ${number}`}>Duplicate</button>
          <button type="button" onClick={onRemove} aria-label={`Remove layer ${number}`}>Remove</button>
        </div>
      </div>
      {kind.fields.length > 0 && (
        <div className="layer-fields">
          {kind.fields.map((field) => (
            <FieldInput key={field.key} field={field} value={values[field.key]} onChange={(v) => onField(field.key, v)} />
          ))}
        </div>
      )}
      {info && <LayerFigures layer={layer} info={info} />}
      {problem && <ProblemNote problem={problem} onFix={onFix} />}
    </li>
  );
}

function LayerFigures({ layer, info }: { layer: LayerSpec; info: LayerInfo }) {
  const depth = info.outputShape[2];
  const depthNote =
    layer.type === 'conv2d' ? `= ${depth} filters` : layer.type === 'dense' ? `= ${depth} units` : layer.type === 'flatten' ? `= ${info.inputShape.join(' × ')} values in a row` : 'as its input';
  return (
    <dl className="layer-figures">
      <div className="figure-output">
        <dt>Output</dt>
        <dd>
          <strong>{formatShape(info.outputShape)}</strong>
          {info.formula ? (
            <span className="formula">
              <span>height {info.formula.height}</span>
              <span>width {info.formula.width}</span>
              <span>depth {depth} {depthNote}</span>
            </span>
          ) : (
            <span className="formula"><span>depth {depth} {depthNote}</span></span>
          )}
        </dd>
      </div>
      <div>
        <dt>Parameters</dt>
        <dd>{formatCount(info.params)}</dd>
      </div>
      <div>
        <dt>FLOPs</dt>
        <dd title={formatCount(info.flops)}>{formatCompact(info.flops)}</dd>
      </div>
      <div>
        <dt>Receptive field</dt>
        <dd>{info.receptiveField[0]}×{info.receptiveField[1]} px</dd>
      </div>
    </dl>
  );
}
