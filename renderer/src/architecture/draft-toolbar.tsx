// The draft's name and what can be done with it as a whole: save with the project, export and import JSON.
import { useId, useRef } from 'react';
import { chordLabel } from '../commands/key-chord.ts';
import type { Design } from './use-design.ts';
import type { DesignCommands } from './use-design-commands.ts';

export function DraftToolbar({ design, commands }: { readonly design: Design; readonly commands: DesignCommands }) {
  const nameId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const { draft, notice } = design;
  if (!draft) return null;
  return (
    <div className="draft-toolbar" role="toolbar" aria-label="Architecture">
      <CommandButton commands={commands} id="design.undo" label="Undo" />
      <CommandButton commands={commands} id="design.redo" label="Redo" />
      <label htmlFor={nameId}>Name</label>
      <input id={nameId} value={draft.name} maxLength={100} onChange={(e) => design.setName(e.target.value)} />
      <span className="draft-state">{draft.savedId === null ? 'not saved' : draft.dirty ? 'changed since saved' : 'saved'}</span>
      <button type="button" onClick={() => void design.save()} disabled={!draft.name.trim()}>
        {draft.savedId === null ? 'Save' : 'Save changes'}
      </button>
      <button type="button" onClick={design.exportFile}>Export JSON</button>
      <button type="button" onClick={() => fileInput.current?.click()}>Import JSON…</button>
      <input
        ref={fileInput} type="file" accept=".json,application/json" hidden aria-label="Architecture file to import"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file can be picked again after fixing it
          if (file) void design.importFile(file);
        }}
      />
      <p className={`draft-notice${notice?.error ? ' error' : ''}`} role="status" aria-live="polite">{notice?.text ?? ''}</p>
    </div>
  );
}

function CommandButton({ commands, id, label }: { commands: DesignCommands; id: string; label: string }) {
  const { registry, context, platform } = commands;
  const command = registry.get(id);
  const chord = chordLabel(command.keys[0], platform);
  return (
    <button
      type="button" onClick={() => void command.run(context)} disabled={!registry.isEnabled(command, context)}
      title={`${command.title} (${chord})`} aria-keyshortcuts={command.keys[0].replace('Mod', platform === 'mac' ? 'Meta' : 'Control')}
    >
      {label}
    </button>
  );
}
