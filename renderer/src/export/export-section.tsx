// The Export section: a trained model (.fbmodel or ONNX, checked on request) and the labeled dataset, in one place.
import { useCallback, useState } from 'react';
import { errorMessage } from '../app/error-message.ts';
import { ExportDataset, type ExportRunner } from '../project/export-dataset.tsx';
import type { SectionProps } from '../project/project-sections.tsx';
import { ModelExport } from './model-export.tsx';
import './export.css';

export function ExportSection({ project, canPickFolders }: SectionProps) {
  const [error, setError] = useState<string | null>(null);
  // The dataset panel reports a refused call through its runner; here it becomes this section's alert.
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    try {
      const result = await action();
      setError(null);
      return result;
    } catch (e) {
      setError(errorMessage(e));
      return undefined;
    }
  }, []);
  const runner: ExportRunner = { project, run };
  return (
    <div className="export-section insight-section">
      <div className="export-cards">
        <ModelExport project={project} canPick={canPickFolders} />
        <div className="export-card">
          <ExportDataset model={runner} canPick={canPickFolders} />
          <p className="hint">Writes train/, val/ and test/ folders with one folder per class: the ImageFolder layout most tools read.</p>
          {error && <p role="alert" className="error">{error}</p>}
        </div>
      </div>
    </div>
  );
}
