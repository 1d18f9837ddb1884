// The calls behind the evaluation, explain, classify and export screens: a confusion-matrix cell's photos, what
// a network sees of one photo, a classified photo's thumbnail, the results as CSV, sorting into class folders
// (plan, apply, undo) and checking an ONNX export. api-contract.ts spreads them into the one table.
import { z } from 'zod';
import type { ImageBytes, JobStarted } from './api-responses.ts';
import { call, type CallDefinition } from './call-definition.ts';
import { absolutePath, id, onProject, probability } from './request-schemas.ts';
import type * as R from './insight-responses.ts';

const evaluatedSplit = z.enum(['validation', 'test']);
/** A class's position in a run's class list (the model file allows up to 10,000 classes). */
const classIndex = z.number().int().min(0).max(9_999);
const position = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** The id of a sort plan the main process keeps until it is applied. */
export const planIdSchema = z.string().regex(/^[a-z0-9-]{8,64}$/);
export const SORT_MODES = ['copy', 'move', 'link'] as const;

export const insightCalls = {
  'evaluation.report': call(
    'a run\'s evaluation reports with the class names of its model',
    onProject({ runId: id }),
  ).returns<R.EvaluationSummary>(),
  'evaluation.cell': call(
    'the photos of one confusion-matrix cell of a run (true class × predicted class), highest loss first',
    onProject({ runId: id, split: evaluatedSplit, actual: classIndex, predicted: classIndex, limit: z.number().int().min(1).max(5_000).optional() }),
  ).returns<R.ConfusionCell>(),

  'explain.image': call(
    'what a run\'s network sees of one photo: its input, the first conv layer\'s filters, every layer\'s output',
    onProject({ runId: id, imageId: id }),
  ).returns<R.ImageExplanation>(),

  'classify.thumbnail': call(
    'a small thumbnail of one photo of a stored classification, named by its row (never by a path)',
    onProject({ classificationId: id, position }),
  ).returns<ImageBytes>(),
  'classify.csv': call(
    'a stored classification as CSV, photos whose confidence is below the threshold marked uncertain',
    onProject({ classificationId: id, uncertainBelow: probability }),
  ).returns<R.CsvFile>(),
  'classify.planSort': call(
    'the dry run of sorting a classification\'s photos into class folders: every step, nothing changed yet',
    onProject({
      classificationId: id,
      dest: absolutePath,
      mode: z.enum(SORT_MODES),
      uncertainBelow: probability,
      uncertain: z.enum(['folder', 'skip']).default('folder'),
    }),
  ).returns<R.SortPlanPreview>(),
  'classify.applySort': call('carry out a sort plan the user has seen and confirmed', onProject({ planId: planIdSchema })).returns<JobStarted>(),
  'classify.sorts': call('the sorts made from a classification, newest first', onProject({ classificationId: id })).returns<R.SortRecord[]>(),
  'classify.undoSort': call('put every photo of a sort back where it was', onProject({ jobId: id })).returns<R.SortUndone>(),

  'exports.verifyOnnx': call(
    'run an exported ONNX file on the validation photos and compare its predictions with the app\'s',
    onProject({ runId: id, path: absolutePath }),
  ).returns<R.OnnxCheck>(),
} as const satisfies Record<string, CallDefinition>;
