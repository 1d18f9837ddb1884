// The start screen: the projects in the projects folder, most recent first, and a form to make a new one.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ProjectListing } from '../../../electron/contract/api-responses.ts';
import { useApi } from '../app/api-context.ts';
import { errorMessage } from '../app/error-message.ts';

interface Props {
  readonly projectsFolder: string;
  readonly onOpen: (project: string) => void;
}

export function ProjectsScreen({ projectsFolder, onOpen }: Props) {
  const api = useApi();
  const [projects, setProjects] = useState<readonly ProjectListing[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.projects.list({}).then(setProjects, (e: unknown) => setError(errorMessage(e)));
  }, [api]);
  useEffect(refresh, [refresh]);

  return (
    <section className="projects" aria-labelledby="projects-title">
      <h2 id="projects-title">Projects</h2>
      <p className="muted">Kept in {projectsFolder}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {projects === null ? (
        <p role="status">Loading projects…</p>
      ) : projects.length === 0 ? (
        <p>No projects yet: make your first one below.</p>
      ) : (
        <ul className="project-list">
          {projects.map((p) => (
            <li key={p.project} className="project-item">
              <button type="button" className="project-card" onClick={() => onOpen(p.project)}>
                <strong>{p.name}</strong>
                <span className="muted">
                  {p.images.toLocaleString()} images · changed {new Date(p.modifiedAt).toLocaleString()}
                </span>
              </button>
              <ProjectActions listing={p} onChanged={refresh} onError={setError} />
            </li>
          ))}
        </ul>
      )}
      <NewProjectForm onCreated={onOpen} />
    </section>
  );
}

/** Rename in place; delete only after the project's name is typed back (the main process checks it too). */
function ProjectActions({ listing, onChanged, onError }: { readonly listing: ProjectListing; readonly onChanged: () => void; readonly onError: (message: string) => void }) {
  const api = useApi();
  const [mode, setMode] = useState<'idle' | 'rename' | 'delete'>('idle');
  const [text, setText] = useState('');
  const act = (event: FormEvent) => {
    event.preventDefault();
    const call =
      mode === 'rename'
        ? api.projects.rename({ project: listing.project, name: text })
        : api.projects.delete({ project: listing.project, confirmName: text });
    call.then(
      () => {
        setMode('idle');
        onChanged();
      },
      (e: unknown) => onError(errorMessage(e)),
    );
  };
  if (mode === 'idle') {
    return (
      <div className="row">
        <button type="button" onClick={() => (setMode('rename'), setText(listing.name))} aria-label={`Rename ${listing.name}`}>
          Rename
        </button>
        <button type="button" className="danger" onClick={() => (setMode('delete'), setText(''))} aria-label={`Delete ${listing.name}`}>
          Delete…
        </button>
      </div>
    );
  }
  return (
    <form className="row" onSubmit={act}>
      <label>
        {mode === 'rename' ? 'New name' : `Type "${listing.name}" to delete it and all its images`}
        <input value={text} onChange={(e) => setText(e.target.value)} required maxLength={100} autoFocus />
      </label>
      <button type="submit" className={mode === 'delete' ? 'danger' : undefined} disabled={mode === 'delete' && text !== listing.name}>
        {mode === 'rename' ? 'Rename' : 'Delete project'}
      </button>
      <button type="button" onClick={() => setMode('idle')}>
        Cancel
      </button>
    </form>
  );
}

function NewProjectForm({ onCreated }: { readonly onCreated: (project: string) => void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [size, setSize] = useState(64);
  const [channels, setChannels] = useState<1 | 3>(3);
  const [resizeMode, setResizeMode] = useState<'crop' | 'stretch' | 'letterbox'>('crop');
  const [jpegDraft, setJpegDraft] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    api.projects.create({ name, inputWidth: size, inputHeight: size, channels, resizeMode, jpegDraft }).then(
      (created) => onCreated(created.project),
      (e: unknown) => {
        setError(errorMessage(e));
        setBusy(false);
      },
    );
  };

  return (
    <form className="new-project" onSubmit={submit} aria-labelledby="new-project-title">
      <h3 id="new-project-title">New project</h3>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="Birds in my garden" />
      </label>
      <label>
        Input size
        <select value={size} onChange={(e) => setSize(Number(e.target.value))} aria-describedby="size-hint">
          {[28, 32, 48, 64, 96, 128].map((s) => (
            <option key={s} value={s}>
              {s} × {s}
            </option>
          ))}
        </select>
      </label>
      <p id="size-hint" className="hint">
        Photos are shrunk to this size before the network sees them. 64 × 64 suits most hobby projects; bigger is slower.
      </p>
      <label>
        Colour
        <select value={channels} onChange={(e) => setChannels(Number(e.target.value) as 1 | 3)}>
          <option value={3}>Colour (RGB)</option>
          <option value={1}>Greyscale</option>
        </select>
      </label>
      <label>
        Fit
        <select value={resizeMode} onChange={(e) => setResizeMode(e.target.value as typeof resizeMode)} aria-describedby="fit-hint">
          <option value="crop">Crop to a square</option>
          <option value="letterbox">Fit inside, pad the rest</option>
          <option value="stretch">Stretch</option>
        </select>
      </label>
      <p id="fit-hint" className="hint">
        How a photo that is not square becomes square.
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={jpegDraft} onChange={(e) => setJpegDraft(e.target.checked)} aria-describedby="draft-hint" />
        Fast JPEG decoding
      </label>
      <p id="draft-hint" className="hint">
        Reads JPEG photos at a half, quarter or eighth of their size before shrinking them, as Pillow’s draft mode does: several times faster, with very
        slightly different pixels. Python code feeding an exported model must then do the same (see the README).
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || name.trim() === ''}>
        {busy ? 'Creating…' : 'Create project'}
      </button>
    </form>
  );
}
