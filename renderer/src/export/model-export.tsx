// Exporting a run's model: as our .fbmodel, or as ONNX for other tools, optionally checked afterwards by
// running the ONNX file on the validation photos and comparing its answers with the app's.
import { useEffect, useState, type FormEvent } from 'react';
import type { OnnxCheck } from '../../../electron/contract/insight-responses.ts';
import { useApi } from '../app/api-context.ts';
import { errorMessage } from '../app/error-message.ts';
import { FolderField } from '../classify/folder-field.tsx';
import { RunPicker } from '../evaluation/run-picker.tsx';
import { useRuns } from '../evaluation/use-runs.ts';
import { joinPath, suggestedFileName, withExtension, type ModelFormat } from './export-path.ts';

const FORMATS: { readonly format: ModelFormat; readonly title: string; readonly hint: string }[] = [
  { format: 'fbmodel', title: 'Filterbank model (.fbmodel)', hint: 'For Filterbank and its command line: weights, classes and preprocessing in one file.' },
  { format: 'onnx', title: 'ONNX (.onnx)', hint: 'For other tools (ONNX Runtime, Netron, Python); the preprocessing is written into its metadata.' },
];

export function ModelExport({ project, canPick }: { readonly project: string; readonly canPick: boolean }) {
  const api = useApi();
  const runs = useRuns(project);
  const [format, setFormat] = useState<ModelFormat>('onnx');
  const [folder, setFolder] = useState('');
  const [fileName, setFileName] = useState('');
  const [verify, setVerify] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ path: string; bytes: number; check: OnnxCheck | null } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = runs.runs?.find((r) => r.runId === runs.runId) ?? null;
  // A new run suggests its own name; a name the user typed keeps its stem when only the format changes.
  useEffect(() => {
    if (run) setFileName(suggestedFileName(run.name, format));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run?.runId]);
  const chooseFormat = (next: ModelFormat) => {
    setFormat(next);
    setFileName((name) => withExtension(name, next));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (runs.runId === null) return;
    const path = joinPath(folder, fileName.trim());
    setError(null);
    setResult(null);
    try {
      setBusy('Exporting…');
      const exported = await api.exports.model({ project, runId: runs.runId, format, path });
      let check: OnnxCheck | null = null;
      if (format === 'onnx' && verify) {
        setBusy('Checking the ONNX file against the app…');
        check = await api.exports.verifyOnnx({ project, runId: runs.runId, path: exported.path });
      }
      setResult({ ...exported, check });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <form className="model-export export-card" onSubmit={(e) => void submit(e)} aria-labelledby="model-export-title">
      <h2 id="model-export-title">Export a trained model</h2>
      <RunPicker choice={runs} />
      <fieldset>
        <legend>Format</legend>
        {FORMATS.map((f) => (
          <label key={f.format} className="format-choice">
            <input type="radio" name="model-format" value={f.format} checked={format === f.format} onChange={() => chooseFormat(f.format)} />
            <span>
              {f.title}
              <span className="hint">{f.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <FolderField label="Into folder" value={folder} onChange={setFolder} canPick={canPick} pickTitle="Export the model into" onError={setError} placeholder="/home/me/models" />
      <label>
        File name
        <input value={fileName} onChange={(e) => setFileName(e.target.value)} spellCheck={false} />
      </label>
      {format === 'onnx' && (
        <label className="checkbox">
          <input type="checkbox" checked={verify} onChange={(e) => setVerify(e.target.checked)} /> Check the export: run it on the validation photos and
          compare with the app
        </label>
      )}
      <button type="submit" disabled={runs.runId === null || folder.trim() === '' || fileName.trim() === '' || busy !== null}>
        Export model
      </button>
      {busy && <p role="status">{busy}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {result && (
        <p role="status" className="export-result">
          Wrote {result.path} ({(result.bytes / 1024).toFixed(1)} KiB).
          {result.check &&
            (result.check.differing === 0
              ? ` Checked on ${result.check.checked} validation photos with ${result.check.runtime}: every prediction matches the app (largest probability difference ${result.check.maxProbabilityDifference.toExponential(1)}).`
              : ` Warning: on ${result.check.differing} of ${result.check.checked} validation photos the export predicts another class than the app.`)}
        </p>
      )}
    </form>
  );
}
