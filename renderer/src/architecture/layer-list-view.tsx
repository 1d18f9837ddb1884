// The network as a list: its input, each layer as a card, a problem about the input or the end of the
// network in its place, and a control to add a layer.
import { useId, useState } from 'react';
import type { LayerType, ModelSpec } from '../../../core/spec/model-spec.ts';
import { LAYER_KINDS, LAYER_TYPES } from './layer-catalog.ts';
import { LayerCard } from './layer-card.tsx';
import { addLayer, duplicateLayer, moveLayer, removeLayer, setLayerField } from './layer-list.ts';
import { ProblemNote } from './problem-note.tsx';
import type { DraftAnalysis } from './spec-analysis.ts';

interface LayerListViewProps {
  readonly spec: ModelSpec;
  readonly analysis: DraftAnalysis;
  readonly classes: number;
  readonly onChange: (spec: ModelSpec) => void;
}

export function LayerListView({ spec, analysis, classes, onChange }: LayerListViewProps) {
  const { problem } = analysis;
  const count = spec.layers.length;
  return (
    <div className="layer-list">
      <div className="input-card">
        <strong>Input</strong> {spec.input.height}×{spec.input.width}×{spec.input.channels}
        <span className="hint"> height × width × channels ({spec.input.channels === 1 ? 'grayscale' : 'RGB'}); set by the project's input size</span>
        {problem?.layer === 0 && <ProblemNote problem={problem} onFix={onChange} />}
      </div>
      <ol className="layers" aria-label="Layers">
        {spec.layers.map((layer, i) => (
          <LayerCard
            // Layers have no identity of their own; position plus type keeps a card's input state across edits.
            key={`${i}-${layer.type}`}
            index={i} count={count} layer={layer} info={analysis.layers[i]} problem={problem?.layer === i + 1 ? problem : null}
            onField={(key, value) => onChange(setLayerField(spec, i, key, value))}
            onMove={(delta) => onChange(moveLayer(spec, i, delta))}
            onDuplicate={() => onChange(duplicateLayer(spec, i))}
            onRemove={() => onChange(removeLayer(spec, i))}
            onFix={onChange}
          />
        ))}
      </ol>
      {problem && problem.layer > count && <ProblemNote problem={problem} onFix={onChange} />}
      <AddLayer onAdd={(type) => onChange(addLayer(spec, LAYER_KINDS[type].create(Math.max(classes, 2))))} />
    </div>
  );
}

function AddLayer({ onAdd }: { onAdd: (type: LayerType) => void }) {
  const id = useId();
  const [type, setType] = useState<LayerType>('conv2d');
  return (
    <div className="add-layer">
      <label htmlFor={id}>New layer</label>
      <select id={id} value={type} onChange={(e) => setType(e.target.value as LayerType)}>
        {LAYER_TYPES.map((t) => (
          <option key={t} value={t}>{LAYER_KINDS[t].title}</option>
        ))}
      </select>
      <button type="button" onClick={() => onAdd(type)}>Add layer</button>
      <span className="hint">added before the output layer</span>
    </div>
  );
}
