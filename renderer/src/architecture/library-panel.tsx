// Where a design starts: the presets, a blank network, or one of the architectures saved with the project.
import { useState } from 'react';
import type { SavedArchitecture } from '../../../electron/contract/design-and-training-responses.ts';
import { STARTING_POINTS } from './design-drafts.ts';
import type { Design } from './use-design.ts';

export function LibraryPanel({ design }: { readonly design: Design }) {
  return (
    <aside className="design-side" aria-label="Starting points and saved architectures">
      <h2>Start from</h2>
      <ul className="starting-points">
        {STARTING_POINTS.map((p) => (
          <li key={p.id}>
            <button type="button" onClick={() => design.start(p.id)}>{p.title}</button>
            <span className="hint">{p.hint}</span>
          </li>
        ))}
      </ul>
      <h2>Saved with the project</h2>
      {design.saved.length === 0 ? (
        <p className="hint">None yet: name your design and press Save.</p>
      ) : (
        <ul className="saved-architectures">
          {design.saved.map((a) => (
            <SavedRow key={a.id} architecture={a} current={design.draft?.savedId === a.id} design={design} />
          ))}
        </ul>
      )}
    </aside>
  );
}

function SavedRow({ architecture, current, design }: { architecture: SavedArchitecture; current: boolean; design: Design }) {
  // Deleting cannot be undone, so it takes a second, explicit click.
  const [confirming, setConfirming] = useState(false);
  return (
    <li className={current ? 'current' : undefined}>
      <button type="button" className="link" onClick={() => design.open(architecture)} aria-current={current || undefined}>
        {architecture.name}
      </button>
      <span className="hint">{architecture.spec.layers.length} layers{current ? ' · open' : ''}</span>
      {confirming ? (
        <span className="delete" role="group" aria-label={`Delete ${architecture.name}?`}>
          <button type="button" onClick={() => void design.remove(architecture)}>Delete</button>
          <button type="button" onClick={() => setConfirming(false)}>Keep</button>
        </span>
      ) : (
        <button type="button" className="delete" aria-label={`Delete ${architecture.name}`} onClick={() => setConfirming(true)}>Delete…</button>
      )}
    </li>
  );
}
