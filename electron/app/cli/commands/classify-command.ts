// filterbank classify <model.fbmodel|model.onnx|project> <folder> : predicts each photo's class with a worker pool,
// writes the results as CSV (and JSON), and can sort the photos into class folders through an inspectable plan.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { classifyFolder, UnusableModelError } from '../../classify/classify-folder.ts';
import { resultsCsv, resultsJson } from '../../classify/results.ts';
import { applySort } from '../../classify/sort-apply.ts';
import { planSort } from '../../classify/sort-plan.ts';
import { writeFileAtomic } from '../../files/write-file-atomic.ts';
import { PROJECT_DATABASE } from '../../project/project-folder.ts';
import type { RunId } from '../../store/ids.ts';
import { EXIT, UsageError, type Reporter } from '../cli-io.ts';
import { absolutePath, oneOf, parseCommand, positiveInteger } from '../options.ts';
import { openExisting } from '../project-arg.ts';
import { runModel } from '../run-arg.ts';

export const classifyUsage =
  'filterbank classify <model.fbmodel|model.onnx|project> <folder> [--run ID] [--out results.csv] [--json-out results.json] [--top K] ' +
  '[--uncertain P] [--sort-into DIR --mode copy|move|link] [--dry-run] [--workers N] [--json]';

export async function classifyCommand(args: string[], out: Reporter, signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    run: { type: 'string' }, out: { type: 'string' }, 'json-out': { type: 'string' }, top: { type: 'string' },
    uncertain: { type: 'string' }, 'sort-into': { type: 'string' }, mode: { type: 'string' }, 'dry-run': { type: 'boolean' },
    workers: { type: 'string' },
  });
  const [source, folder] = positionals;
  if (!source || !folder) throw new UsageError('give a model (.fbmodel file, Filterbank .onnx export or project folder) and the folder of photos to classify');
  const { model, project: projectFolder, run } = modelSource(source, values.run);
  const uncertainBelow = values.uncertain === undefined ? 0 : Number(values.uncertain);
  if (!(uncertainBelow >= 0 && uncertainBelow <= 1)) throw new UsageError(`--uncertain must be a probability from 0 to 1, not "${values.uncertain}"`);
  if (values.mode && !values['sort-into']) throw new UsageError('--mode needs --sort-into DIR');
  const mode = oneOf('--mode', values.mode, ['copy', 'move', 'link'] as const, 'copy');

  const summary = await classifyFolder({
    model, folder: absolutePath(folder), topK: positiveInteger('--top', values.top, 3), uncertainBelow, signal,
    poolSize: values.workers === undefined ? undefined : positiveInteger('--workers', values.workers, 1),
    onProgress: (p) => out.progress('classifying', {
      done: p.done, total: p.total,
      detail: `${p.rate.toFixed(1)} photos/s${p.etaSeconds !== null ? `, ETA ${Math.ceil(p.etaSeconds)} s` : ''}`,
    }, { rate: p.rate, etaSeconds: p.etaSeconds }),
  }).catch((error: unknown) => {
    // A damaged, truncated or foreign model file is bad input, like a path that is not there.
    throw error instanceof UnusableModelError ? new UsageError(error.message) : error;
  });
  const written: string[] = [];
  let stored: number | null = null;
  if (projectFolder) {
    // Classifying with a project's model keeps the results table with that project.
    const project = openExisting(projectFolder);
    try {
      stored = project.store.classifications.save({ ...summary, runId: run }).id;
    } finally {
      project.store.close();
    }
  }
  if (values.out) {
    await writeFileAtomic(absolutePath(values.out), new TextEncoder().encode(resultsCsv(summary.results)));
    written.push(absolutePath(values.out));
  }
  if (values['json-out']) {
    await writeFileAtomic(absolutePath(values['json-out']), new TextEncoder().encode(resultsJson(summary)));
    written.push(absolutePath(values['json-out']));
  }
  const lines = [
    `${summary.status === 'cancelled' ? 'cancelled after' : 'classified'} ${summary.classified} of ${summary.total} photos ` +
      `(${summary.uncertain} uncertain, ${summary.unreadable} unreadable) at ${summary.photosPerSecond.toFixed(1)} photos/s`,
    ...written.map((p) => `results written to ${p}`),
  ];
  let sort: Record<string, unknown> | null = null;
  if (values['sort-into'] && summary.status === 'done') {
    const plan = await planSort(summary.results, absolutePath(values['sort-into']), mode);
    if (values['dry-run']) {
      sort = { dryRun: true, mode, steps: plan.steps, skipped: plan.skipped };
      lines.push(`plan (${mode}, nothing changed):`, ...plan.steps.map((s) => `  ${s.source} → ${s.target}`), ...plan.skipped.map((s) => `  skip ${s.source}: ${s.reason}`));
    } else {
      const outcome = await applySort(plan, { signal, onProgress: (done, total) => out.progress('sorting', { done, total }) });
      sort = { dryRun: false, mode, done: outcome.done, failed: outcome.failed, undoLog: outcome.logPath };
      lines.push(`${mode === 'move' ? 'moved' : mode === 'link' ? 'linked' : 'copied'} ${outcome.done} photos into ${plan.dest}`,
        ...outcome.failed.map((f) => `  not sorted: ${f.source}: ${f.message}`),
        `to undo: filterbank undo-sort ${outcome.logPath}`);
    }
  }
  const { results: _results, ...figures } = summary;
  out.summary({ command: 'classify', ...figures, written, sort, storedAs: stored }, lines);
  return summary.status === 'done' ? EXIT.ok : EXIT.failed;
}

/** The model file to use: given directly, or a project's run model (the project then keeps the results). */
function modelSource(source: string, run: string | undefined): { model: string; project: string | null; run: RunId | null } {
  const path = absolutePath(source);
  if (existsSync(join(path, PROJECT_DATABASE))) {
    const project = openExisting(path);
    try {
      const chosen = runModel(project, run);
      return { model: chosen.modelPath, project: path, run: chosen.run };
    } finally {
      project.store.close();
    }
  }
  if (run !== undefined) throw new UsageError('--run applies to a project, not to a model file');
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`${path} is neither a model file nor a Filterbank project`);
  return { model: path, project: null, run: null };
}
