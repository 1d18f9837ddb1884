// filterbank eval <project> [--run ID] : scores a run's model on the project's validation and test photos now
// (labels may have changed since training), and stores the reports with the run.
import { readFile } from 'node:fs/promises';
import { decodeModelFile } from '../../../../core/io/model-file.ts';
import { networkFromModelFile } from '../../../../core/io/model-network.ts';
import { evaluationReport, type EvaluationReport } from '../../../../core/train/evaluation-report.ts';
import { loadSplit, snapshotTrainingSet } from '../../training/training-data.ts';
import { EXIT, type Reporter } from '../cli-io.ts';
import { parseCommand } from '../options.ts';
import { openExisting } from '../project-arg.ts';
import { runModel } from '../run-arg.ts';

export const evalUsage = 'filterbank eval <project> [--run ID] [--json]';

export async function evalCommand(args: string[], out: Reporter): Promise<number> {
  const { values, positionals } = parseCommand(args, { run: { type: 'string' } });
  const project = openExisting(positionals[0]);
  try {
    const { run, modelPath } = runModel(project, values.run);
    const model = decodeModelFile(new Uint8Array(await readFile(modelPath)));
    const network = networkFromModelFile(model);
    // Score only photos whose class the model knows, by name, in the model's class order.
    const snapshot = snapshotTrainingSet(project);
    const known = new Map(model.classNames.map((name, i) => [name, i]));
    const keep = snapshot.samples.filter((s) => known.has(snapshot.classNames[snapshot.classIds.indexOf(s.classId)]));
    const modelOrder = { classIds: model.classNames.map((name) => snapshot.classIds[snapshot.classNames.indexOf(name)]), classNames: model.classNames, samples: keep };
    const reports: Record<string, EvaluationReport> = {};
    for (const split of ['validation', 'test'] as const) {
      const data = await loadSplit(project, modelOrder, split);
      if (data.count === 0) continue;
      const report = evaluationReport(network, data, model.preprocessing);
      // loadSplit keeps the snapshot's order, so a report index names a photo of the project.
      const ids = keep.filter((s) => s.split === split).map((s) => s.id);
      reports[split] = { ...report, misclassified: report.misclassified.map((m) => ({ ...m, imageId: ids[m.index] })) };
      project.store.runSnapshots.saveEvaluation(run, split, reports[split]);
    }
    const lines = Object.entries(reports).flatMap(([split, r]) => [
      `${split}: accuracy ${(100 * r.accuracy).toFixed(2)}% on ${r.count} photos, mean loss ${r.meanLoss.toFixed(4)}`,
      ...r.perClass.map((c, i) => `  ${model.classNames[i]}: precision ${c.precision.toFixed(3)}, recall ${c.recall.toFixed(3)}, F1 ${c.f1.toFixed(3)} (${c.support})`),
    ]);
    out.summary(
      {
        command: 'eval', runId: run, classNames: model.classNames,
        ...Object.fromEntries(Object.entries(reports).map(([split, r]) => [split, { ...r, misclassified: r.misclassified.slice(0, 100) }])),
      },
      lines.length ? lines : ['no labelled validation or test photos to evaluate on'],
    );
    return EXIT.ok;
  } finally {
    project.store.close();
  }
}
