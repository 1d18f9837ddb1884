// The sidebar: views (all, unlabeled, unreadable, each split) and the classes, each a drop target for imports,
// with its colour, name, count and shortcut; class editing (rename, recolour, shortcut, reorder, merge,
// delete) happens inline, every change undoable.
import { useState, type DragEvent, type FormEvent } from 'react';
import type { ClassLabel, ProjectOverview, Split } from '../../../electron/contract/api-responses.ts';
import { useApi } from '../app/api-context.ts';
import { chordLabel, type Platform } from '../commands/key-chord.ts';
import type { GridFilter, WorkbenchModel } from './workbench-model.ts';

interface Props {
  readonly model: WorkbenchModel;
  readonly overview: ProjectOverview;
  readonly filter: GridFilter;
  /** The class whose editor is open (F2 opens the current class's). */
  readonly editingClassId: number | null;
  readonly platform: Platform;
  /** Files dropped on a class chip are imported and labeled as that class. */
  readonly onDropOnClass: (event: DragEvent, classId: number) => void;
}

const SPLITS: readonly Split[] = ['train', 'validation', 'test'];

export function ClassPanel({ model, overview, filter, editingClassId, platform, onDropOnClass }: Props) {
  const { counts, classes } = overview;
  const countOf = (classId: number | null) => counts.cells.filter((c) => c.classId === classId).reduce((n, c) => n + c.images, 0);
  const splitCount = (split: Split) => counts.cells.filter((c) => c.split === split).reduce((n, c) => n + c.images, 0);
  const same = (f: GridFilter) => JSON.stringify(f) === JSON.stringify(filter);
  const view = (key: string, f: GridFilter, label: string, count: number) => (
    <li key={key}>
      <button type="button" className={`view${same(f) ? ' current' : ''}`} aria-pressed={same(f)} onClick={() => model.setFilter(f)}>
        {label} <span className="count">{count.toLocaleString()}</span>
      </button>
    </li>
  );
  return (
    <nav className="class-panel" aria-label="Views and classes">
      <ul className="views">
        {view('all', { kind: 'all' }, 'All images', counts.total)}
        {view('unlabeled', { kind: 'class', classId: null }, 'Unlabeled', counts.unlabeled)}
        {view('unreadable', { kind: 'unreadable' }, 'Unreadable', counts.unreadable)}
        {SPLITS.map((s) => view(s, { kind: 'split', split: s }, `Split: ${s}`, splitCount(s)))}
      </ul>
      <h2>Classes</h2>
      <ol className="classes">
        {classes.map((c, i) => (
          <ClassRow
            key={c.id} model={model} label={c} index={i} classes={classes} count={countOf(c.id)} current={same({ kind: 'class', classId: c.id })}
            editing={editingClassId === c.id}
            platform={platform} onDrop={(e) => onDropOnClass(e, c.id)}
          />
        ))}
      </ol>
      <NewClassForm model={model} />
    </nav>
  );
}

interface RowProps {
  readonly model: WorkbenchModel;
  readonly label: ClassLabel;
  readonly index: number;
  readonly classes: readonly ClassLabel[];
  readonly count: number;
  readonly current: boolean;
  readonly editing: boolean;
  readonly platform: Platform;
  readonly onDrop: (event: DragEvent) => void;
}

function ClassRow({ model, label, index, classes, count, current, editing, platform, onDrop }: RowProps) {
  const [dropping, setDropping] = useState(false);
  const keys = [label.shortcut?.toUpperCase(), index < 9 && !classes.some((c) => c.shortcut === String(index + 1)) ? String(index + 1) : undefined].filter(
    (k): k is string => k !== undefined,
  );
  return (
    <li
      className={`class-row${dropping ? ' drop-target' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(e) => {
        setDropping(false);
        e.stopPropagation();
        onDrop(e);
      }}
    >
      <button type="button" className={`view${current ? ' current' : ''}`} aria-pressed={current} onClick={() => model.setFilter({ kind: 'class', classId: label.id })}>
        <span className="swatch" style={{ background: label.colour }} aria-hidden="true" />
        <span className="class-name">{label.name}</span>
        <span className="count">{count.toLocaleString()}</span>
        {keys.map((k) => (
          <kbd key={k} aria-label={`shortcut ${k}`}>
            {chordLabel(k, platform)}
          </kbd>
        ))}
      </button>
      <button
        type="button" className="icon" aria-expanded={editing} aria-label={`Edit class ${label.name}`} title={`Edit class (${chordLabel('F2', platform)})`}
        onClick={() => model.setEditingClass(editing ? null : label.id)}
      >
        ⋯
      </button>
      {editing && (
        <ClassEditor model={model} label={label} index={index} classes={classes} platform={platform} onDone={() => model.setEditingClass(null)} />
      )}
    </li>
  );
}

function ClassEditor(props: {
  readonly model: WorkbenchModel;
  readonly label: ClassLabel;
  readonly index: number;
  readonly classes: readonly ClassLabel[];
  readonly platform: Platform;
  readonly onDone: () => void;
}) {
  const { model, label, index, classes, platform, onDone } = props;
  const api = useApi();
  const project = model.project;
  const [name, setName] = useState(label.name);
  const [shortcut, setShortcut] = useState(label.shortcut ?? '');
  const [mergeInto, setMergeInto] = useState<number | ''>('');
  const save = (event: FormEvent) => {
    event.preventDefault();
    void model
      .run(() => api.classes.update({ project, classId: label.id, name: name !== label.name ? name : undefined, shortcut: shortcut === (label.shortcut ?? '') ? undefined : shortcut || null }))
      .then((r) => r && onDone());
  };
  return (
    <form className="class-editor" onSubmit={save} aria-label={`Edit ${label.name}`}>
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required autoFocus />
      </label>
      <label>
        Colour{' '}
        <input type="color" value={label.colour} onChange={(e) => void model.run(() => api.classes.update({ project, classId: label.id, colour: e.target.value }))} />
      </label>
      <label>
        Key <input value={shortcut} onChange={(e) => setShortcut(e.target.value.toLowerCase().slice(-1))} maxLength={1} pattern="[a-z0-9]?" size={2} />
      </label>
      <div className="row">
        <button type="submit">Save</button>
        <button type="button" onClick={() => void model.reorderClass(label.id, -1)} disabled={index === 0} aria-label="Move up" title={`Move up (${chordLabel('Alt+ArrowUp', platform)})`}>
          ↑
        </button>
        <button
          type="button" onClick={() => void model.reorderClass(label.id, 1)} disabled={index === classes.length - 1} aria-label="Move down"
          title={`Move down (${chordLabel('Alt+ArrowDown', platform)})`}
        >
          ↓
        </button>
      </div>
      <div className="row">
        <select value={mergeInto} onChange={(e) => setMergeInto(e.target.value === '' ? '' : Number(e.target.value))} aria-label="Merge into">
          <option value="">Merge into…</option>
          {classes.filter((c) => c.id !== label.id).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="button" disabled={mergeInto === ''} onClick={() => mergeInto !== '' && void model.run(() => api.classes.merge({ project, from: label.id, into: mergeInto }))}>
          Merge
        </button>
      </div>
      <button type="button" className="danger" onClick={() => void model.run(() => api.classes.delete({ project, classId: label.id }))}>
        Delete class (its images become unlabeled; undo with {'Ctrl/⌘+Z'})
      </button>
    </form>
  );
}

function NewClassForm({ model }: { readonly model: WorkbenchModel }) {
  const api = useApi();
  const [name, setName] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    void model.run(() => api.classes.create({ project: model.project, name })).then((r) => r && setName(''));
  };
  return (
    <form className="new-class" onSubmit={add}>
      <label>
        <span className="visually-hidden">New class name</span>
        <input id="new-class-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="New class" maxLength={100} />
      </label>
      <button type="submit" disabled={name.trim() === ''}>
        Add class
      </button>
    </form>
  );
}
