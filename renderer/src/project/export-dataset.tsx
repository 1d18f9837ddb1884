// Exporting the labeled images as an ImageFolder tree (train/val/test/<class>/…) into a folder the user names.
import { useState, type FormEvent } from 'react';
import { useApi } from '../app/api-context.ts';
import type { WorkbenchModel } from './workbench-model.ts';

/** What the panel needs of the workbench: the project, and a runner that reports a failed call (the Export section passes its own). */
export type ExportRunner = Pick<WorkbenchModel, 'project' | 'run'>;

export function ExportDataset({ model, canPick }: { readonly model: ExportRunner; readonly canPick: boolean }) {
  const api = useApi();
  const [folder, setFolder] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const pick = async () => {
    const picked = await model.run(() => api.dialogs.pickFolder({ title: 'Export the dataset into' }));
    if (picked?.path) setFolder(picked.path);
  };
  const start = (event: FormEvent) => {
    event.preventDefault();
    void model.run(() => api.exports.dataset({ project: model.project, folder })).then((started) => {
      if (!started) return;
      setStatus('Exporting…');
      const off = api.on('job.progress', (e) => {
        if (e.project !== model.project || e.jobId !== started.jobId) return;
        if (e.progress) setStatus(`Exporting ${e.progress.done} of ${e.progress.total}…`);
        if (e.state === 'done' || e.state === 'failed' || e.state === 'cancelled') {
          setStatus(e.state === 'done' ? `Exported to ${folder}` : `Export ${e.state}${e.error ? `: ${e.error}` : ''}`);
          off();
        }
      });
    });
  };
  return (
    <form className="export-dataset" onSubmit={start} aria-labelledby="export-title">
      <h2 id="export-title">Export dataset</h2>
      <label>
        Into folder (new or empty)
        <input id="export-dataset-folder" value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/home/me/birds-dataset" required />
      </label>
      <div className="row">
        {canPick && (
          <button type="button" onClick={() => void pick()}>
            Choose…
          </button>
        )}
        <button type="submit" disabled={folder.trim() === ''}>
          Export
        </button>
      </div>
      {status && <p role="status">{status}</p>}
    </form>
  );
}
