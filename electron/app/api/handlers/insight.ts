// The calls behind the evaluation, explain, classify and export screens (insight-calls.ts): a confusion-matrix
// cell's photos, what a network sees, a classified photo's thumbnail and CSV, sorting with undo, ONNX checks.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { EvaluationReport } from '../../../../core/train/evaluation-report.ts';
import { ApiError } from '../../../contract/api-error.ts';
import type { EvaluationSummary } from '../../../contract/insight-responses.ts';
import { resultsCsv } from '../../classify/results.ts';
import { verifyOnnxExport } from '../../export/verify-onnx-export.ts';
import { findClassification, photoPath, resultsAt } from '../../insight/classified-photos.ts';
import { explainImage } from '../../insight/explain-image.ts';
import { photoThumbnail } from '../../insight/photo-thumbnail.ts';
import { loadRunModel } from '../../insight/run-model.ts';
import { cellPhotos, splitPredictions } from '../../insight/run-predictions.ts';
import { makeSortPlan, newRecord, runSort, sortRecords, takePlan, undoSortJob } from '../../insight/sort-jobs.ts';
import { runId as toRunId } from '../../store/ids.ts';
import { EVALUATED_SPLITS } from '../../store/run-snapshots.ts';
import type { HandlerTable } from '../service-context.ts';
import { backgroundJob } from './classify-and-export.ts';

type InsightCalls =
  | 'evaluation.report' | 'evaluation.cell' | 'explain.image'
  | 'classify.thumbnail' | 'classify.csv' | 'classify.planSort' | 'classify.applySort' | 'classify.sorts' | 'classify.undoSort'
  | 'exports.verifyOnnx';

const CELL_LIMIT = 500;

export const insightHandlers: HandlerTable<InsightCalls> = {
  'evaluation.report': async ({ project, runId }, ctx) => {
    const open = ctx.project(project);
    const stored = open.store.runSnapshots.evaluations(toRunId(runId)) as Partial<Record<string, EvaluationReport>>;
    const { model } = await loadRunModel(open, runId);
    const reports: EvaluationSummary['reports'] = {};
    for (const split of EVALUATED_SPLITS) {
      const report = stored[split];
      if (!report) continue;
      const { misclassified: _misclassified, ...rest } = report;
      reports[split] = rest;
    }
    return { classNames: model.classNames, reports };
  },
  'evaluation.cell': async ({ project, runId, split, actual, predicted, limit }, ctx) => {
    const predictions = await splitPredictions(ctx.project(project), runId, split);
    const K = predictions.classNames.length;
    if (actual >= K) throw new ApiError('invalid-request', 'actual', `the model has ${K} classes`);
    if (predicted >= K) throw new ApiError('invalid-request', 'predicted', `the model has ${K} classes`);
    const photos = cellPhotos(predictions, actual, predicted);
    return {
      classNames: predictions.classNames,
      total: photos.length,
      photos: photos.slice(0, limit ?? CELL_LIMIT).map(({ imageId, loss, top }) => ({ imageId, loss, top })),
    };
  },
  'explain.image': ({ project, runId, imageId }, ctx) => explainImage(ctx.project(project), runId, imageId),
  'classify.thumbnail': async ({ project, classificationId, position }, ctx) => {
    const open = ctx.project(project);
    const classification = findClassification(open, classificationId);
    const [photo] = open.store.classifications.results(classification.id, { from: position, limit: 1 });
    if (!photo) throw new ApiError('not-found', 'position', `classification ${classificationId} has no photo ${position}`);
    return photoThumbnail(photoPath(classification.folder, photo.file));
  },
  'classify.csv': ({ project, classificationId, uncertainBelow }, ctx) => {
    const open = ctx.project(project);
    const classification = findClassification(open, classificationId);
    return { fileName: `${basename(classification.folder) || 'photos'}-classified.csv`, text: resultsCsv(resultsAt(open, classification, uncertainBelow)) };
  },
  'classify.planSort': ({ project, classificationId, dest, mode, uncertainBelow, uncertain }, ctx) =>
    makeSortPlan(project, ctx.project(project), { classificationId, dest, mode, uncertainBelow, uncertain }),
  'classify.applySort': ({ project, planId }, ctx) => {
    const open = ctx.project(project);
    const kept = takePlan(project, planId);
    const record = newRecord(kept);
    // The record goes into the job before its first file moves, the outcome (with the undo log) when it ends.
    const jobId = backgroundJob(ctx, project, 'classify', async (signal, progress) => {
      const outcome = await runSort(kept, signal, (done, total) => progress(done, total, null, null));
      open.store.jobs.setProgress(jobId, { sort: { ...record, ...outcome } });
    });
    open.store.jobs.setProgress(jobId, { sort: record });
    return { jobId };
  },
  'classify.sorts': ({ project, classificationId }, ctx) => {
    const open = ctx.project(project);
    return sortRecords(open, findClassification(open, classificationId).id);
  },
  'classify.undoSort': ({ project, jobId }, ctx) => undoSortJob(ctx.project(project), jobId),
  'exports.verifyOnnx': async ({ project, runId, path }, ctx) => {
    const open = ctx.project(project);
    if (!existsSync(path)) throw new ApiError('not-found', 'path', `${path} does not exist; export the model first`);
    const { path: modelPath } = await loadRunModel(open, runId);
    const check = await verifyOnnxExport(open, modelPath, path);
    return { runtime: check.runtime, checked: check.checked, differing: check.differing.length, maxProbabilityDifference: check.maxProbabilityDifference };
  },
};
