// The Evaluate section: pick a run and a split; accuracy and per-class scores; the confusion matrix, whose
// cells open their photos (hardest first) for relabeling with the Label section's keys, then retraining.
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { EvaluatedSplit, EvaluationSummary } from '../../../electron/contract/insight-responses.ts';
import { useApi } from '../app/api-context.ts';
import { errorMessage } from '../app/error-message.ts';
import { CommandRegistry } from '../commands/command-registry.ts';
import { chordLabel, detectPlatform } from '../commands/key-chord.ts';
import { requestExplanation } from '../explain/explain-request.ts';
import { HelpOverlay } from '../project/help-overlay.tsx';
import { classKeys } from '../project/workbench-commands.ts';
import type { SectionProps } from '../project/project-sections.tsx';
import { cellCommands, type CellContext } from './cell-commands.ts';
import { CellPhotos } from './cell-photos.tsx';
import { CellReview } from './cell-review.ts';
import { ClassMetrics } from './class-metrics.tsx';
import { cellDescription, confusionCells, worstMistake, type CellRef } from './confusion-grid.ts';
import { ConfusionMatrix } from './confusion-matrix.tsx';
import { RunPicker } from './run-picker.tsx';
import { useProjectClasses } from './use-project-classes.ts';
import { useRuns } from './use-runs.ts';
import './evaluation.css';

const platform = detectPlatform(navigator.platform);
const SPLIT_NAMES: Record<EvaluatedSplit, string> = { validation: 'Validation photos', test: 'Test photos' };

export function EvaluateSection({ project, goTo, sectionShortcuts }: SectionProps) {
  const api = useApi();
  const runs = useRuns(project);
  const classes = useProjectClasses(project);
  const [summary, setSummary] = useState<{ runId: number; data: EvaluationSummary } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosenSplit, setSplit] = useState<EvaluatedSplit>('validation');
  const [current, setCurrent] = useState<CellRef>({ actual: 0, predicted: 0 });
  const [help, setHelp] = useState(false);
  const review = useMemo(() => new CellReview(api, project), [api, project]);
  useEffect(() => () => review.dispose(), [review]);
  const reviewState = useSyncExternalStore(review.subscribe, review.snapshot);

  const { runId } = runs;
  useEffect(() => {
    if (runId === null) return;
    let live = true;
    review.close();
    api.evaluation.report({ project, runId }).then(
      (data) => {
        if (!live) return;
        setSummary({ runId, data });
        setError(null);
        const first = data.reports.validation ?? data.reports.test;
        if (first) setCurrent(worstMistake(first.confusion));
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [api, project, runId, review]);

  const data = summary?.runId === runId ? summary.data : null;
  const splits = (['validation', 'test'] as const).filter((s) => data?.reports[s]);
  const split = splits.includes(chosenSplit) ? chosenSplit : splits[0];
  const report = split ? data?.reports[split] : undefined;

  const registry = useMemo(() => new CommandRegistry<CellContext>(cellCommands(classes)), [classes]);
  const keyHints = classKeys(classes)
    .flatMap((keys, i) => (keys.length ? [`${keys.join('/')}: ${classes[i].name}`] : []))
    .join(', ');
  const context = useRef<CellContext>({ review, toggleHelp: () => setHelp((h) => !h), close: () => review.close() });
  context.current = { review, toggleHelp: () => setHelp((h) => !h), close: () => review.close() };
  useEffect(() => {
    // The help dialog is modal: while it is open its own keys apply, not the labeling ones behind it.
    if (reviewState.cell === null || help) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      // Arrows inside the matrix move between cells; typing in a field is typing.
      if (target.closest('.confusion-matrix') && event.key.startsWith('Arrow')) return;
      if (event.key !== 'Escape' && target.closest('input, textarea, select, [contenteditable="true"]')) return;
      const command = registry.forKey(event, platform, context.current);
      if (!command) return;
      event.preventDefault();
      void command.run(context.current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [registry, reviewState.cell, help]);

  const openCell = (cell: CellRef) => {
    if (runId !== null && split) void review.open(runId, split, cell);
  };
  const focusedPhoto = reviewState.photos[reviewState.focus];
  const openCellView = reviewState.cell && report ? confusionCells(report.confusion)[reviewState.cell.actual][reviewState.cell.predicted] : null;
  const commandButton = (id: string, label: string) => {
    const command = registry.get(id);
    return (
      <button type="button" disabled={!registry.isEnabled(command, context.current)} onClick={() => void command.run(context.current)} aria-keyshortcuts={command.keys[0]} title={`${command.title} (${chordLabel(command.keys[0], platform)})`}>
        {label}
      </button>
    );
  };

  return (
    <div className="evaluate-section insight-section">
      <div className="toolbar" role="toolbar" aria-label="Evaluation">
        <RunPicker choice={runs} />
        {splits.length > 0 && (
          <label>
            Scored on{' '}
            <select value={split} onChange={(e) => {
                setSplit(e.target.value as EvaluatedSplit);
                review.close();
              }}>
              {splits.map((s) => (
                <option key={s} value={s}>
                  {SPLIT_NAMES[s]}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => goTo('train')}>
          Retrain…
        </button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {data && !report && <p className="hint">This run has no evaluation: the project had no validation or test photos when it trained.</p>}
      {data && report && split && (
        <div className="evaluate-body">
          <div className="evaluate-scores">
            <ClassMetrics report={report} classNames={data.classNames} />
            <ConfusionMatrix
              confusion={report.confusion} classNames={data.classNames} current={current} open={reviewState.cell}
              onMove={setCurrent} onOpen={openCell}
            />
          </div>
          {reviewState.cell && openCellView && (
            <section className="cell-review" aria-labelledby="cell-title">
              <div className="cell-review-head">
                <h3 id="cell-title">{cellDescription(openCellView, data.classNames)}</h3>
                <p className="hint">
                  Hardest first{reviewState.total > reviewState.photos.length ? ` (the first ${reviewState.photos.length})` : ''}. Relabel the focused photo with
                  the Label section&apos;s keys ({keyHints}); ← → move.
                </p>
                <div className="row">
                  {commandButton('undo', reviewState.undoLabel ? `Undo ${reviewState.undoLabel}` : 'Undo')}
                  {commandButton('redo', 'Redo')}
                  {commandButton('help', '?')}
                  <button type="button" disabled={!focusedPhoto} onClick={() => {
                      if (!focusedPhoto) return;
                      requestExplanation(project, focusedPhoto.imageId);
                      goTo('explain');
                    }}>
                    Explain this photo
                  </button>
                  {commandButton('close-cell', 'Close')}
                </div>
                <p role="status" className="muted">{reviewState.lastEdit ?? ''}</p>
                {reviewState.error && (
                  <p role="alert" className="error">
                    {reviewState.error} <button type="button" onClick={() => review.clearError()}>Dismiss</button>
                  </p>
                )}
              </div>
              <CellPhotos review={review} runClasses={data.classNames} classes={classes} />
            </section>
          )}
        </div>
      )}
      {help && <HelpOverlay registry={registry} platform={platform} sections={sectionShortcuts} onClose={() => setHelp(false)} />}
    </div>
  );
}
