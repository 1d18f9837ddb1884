// The API between the UI and the main process: every call with the zod schema of its request and the type of
// its answer, and every event with the schema of its payload. Channel names, the preload, the browser-mode
// server, the client behind `window.filterbank` and the IPC fuzz are all generated from these two tables.
import { z } from 'zod';
import { trainingConfigSchema } from '../../core/train/config.ts';
import type * as R from './api-responses.ts';
import { call, type CallDefinition } from './call-definition.ts';
import { designAndTrainingCalls } from './design-and-training-calls.ts';
import { insightCalls } from './insight-calls.ts';
import { WORKBENCH_COMMAND_IDS } from './command-catalogue.ts';
import {
  absolutePath, bytes, colour, empty, id, ids, MAX_IMPORT_PATHS, MAX_UPLOAD_FILES, name, onProject, probability,
  resizeMode, shortcut, split,
} from './request-schemas.ts';

const gridFilter = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all'), unlabeledFirst: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('class'), classId: id.nullable() }),
  z.strictObject({ kind: z.literal('split'), split }),
  z.strictObject({ kind: z.literal('unreadable') }),
]);

/** Where a run trains: auto picks WebGPU when a device passes its self-test, else the CPU. */
export const BACKENDS = ['auto', 'cpu', 'webgpu'] as const;

export const startRunSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  preset: z.enum(['w1', 'w2']).optional(),
  /** A full model spec; checked by the engine's own spec schema, which names the faulty layer. */
  spec: z.unknown().optional(),
  config: trainingConfigSchema.default(trainingConfigSchema.parse({})),
  backend: z.enum(BACKENDS).default('auto'),
  /** Per-channel normalisation; default none (mean 0, std 1). */
  normalization: z.strictObject({ mean: z.array(z.number()).min(1).max(3), std: z.array(z.number().gt(0)).min(1).max(3) }).optional(),
});

export const apiCalls = {
  'app.info': call('what this app is and where it keeps projects', empty).returns<R.AppInfo>(),

  'projects.list': call('the projects in the projects folder, most recently opened first', empty).returns<R.ProjectListing[]>(),
  'projects.create': call(
    'make a new project',
    z.strictObject({
      name,
      inputWidth: z.number().int().min(8).max(512).optional(),
      inputHeight: z.number().int().min(8).max(512).optional(),
      channels: z.union([z.literal(1), z.literal(3)]).optional(),
      resizeMode: resizeMode.optional(),
      jpegDraft: z.boolean().optional(),
    }),
  ).returns<R.ProjectOverview>(),
  'projects.open': call('open a project and see its settings, classes and counts', onProject({})).returns<R.ProjectOverview>(),
  'projects.rename': call('rename a project (its folder keeps its name)', onProject({ name })).returns<R.ProjectOverview>(),
  'projects.delete': call(
    'delete a project and everything in its folder',
    onProject({ confirmName: name }),
  ).returns<{ deleted: true }>(),
  'projects.overview': call('settings, classes and counts per class and split', onProject({})).returns<R.ProjectOverview>(),

  'settings.update': call(
    'change the input size, channels, resize mode, JPEG draft decoding or split ratios',
    onProject({
      changes: z.strictObject({
        name: name.optional(),
        inputWidth: z.number().int().min(8).max(512).optional(),
        inputHeight: z.number().int().min(8).max(512).optional(),
        channels: z.union([z.literal(1), z.literal(3)]).optional(),
        resizeMode: resizeMode.optional(),
        jpegDraft: z.boolean().optional(),
        splitRatios: z.strictObject({ train: probability, validation: probability, test: probability }).optional(),
      }),
    }),
  ).returns<R.SettingsUpdate>(),

  'images.page': call(
    'one page of the image grid (keyset paging)',
    onProject({
      filter: gridFilter,
      sort: z.enum(['imported', 'name']),
      after: z.string().max(1024).nullable().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
  ).returns<R.GridPage>(),
  'images.ids': call(
    'every image id of a grid view, in order, as little-endian uint32 (the virtualized grid jumps anywhere with it)',
    onProject({ filter: gridFilter, sort: z.enum(['imported', 'name']) }),
  ).returns<R.GridIds>(),
  'images.getMany': call('the records of the images on screen, in the order asked', onProject({ imageIds: z.array(id).min(1).max(1000) })).returns<R.ImageSample[]>(),
  'images.get': call('one image and its metadata', onProject({ imageId: id })).returns<R.ImageSample>(),
  'images.thumbnail': call('the thumbnail of an image', onProject({ imageId: id })).returns<R.ImageBytes>(),
  'images.original': call('the imported file of an image', onProject({ imageId: id })).returns<R.ImageBytes>(),

  'labels.assign': call('label images as one class', onProject({ imageIds: ids, classId: id })).returns<R.EditResult>(),
  'labels.unassign': call('make images unlabeled', onProject({ imageIds: ids })).returns<R.EditResult>(),

  'edits.undo': call('undo the last label, class or split change', onProject({})).returns<R.UndoResult>(),
  'edits.redo': call('redo the last undone change', onProject({})).returns<R.UndoResult>(),
  'edits.history': call('what undo and redo would do next', onProject({})).returns<R.EditHistory>(),

  'classes.create': call(
    'add a class',
    onProject({ name, colour: colour.optional(), shortcut: shortcut.optional() }),
  ).returns<R.ClassEdit>(),
  'classes.update': call(
    'rename, recolour or change the shortcut of a class',
    onProject({ classId: id, name: name.optional(), colour: colour.optional(), shortcut: shortcut.optional() }),
  ).returns<R.ClassEdit>(),
  'classes.reorder': call('put the classes in this order', onProject({ classIds: ids })).returns<R.EditResult>(),
  'classes.merge': call('move every image of one class into another, and remove the first', onProject({ from: id, into: id })).returns<R.EditResult>(),
  'classes.delete': call('remove a class; its images become unlabeled', onProject({ classId: id })).returns<R.EditResult>(),

  'splits.move': call('put images in a split by hand', onProject({ imageIds: ids, split })).returns<R.EditResult>(),

  'imports.start': call(
    'import dropped or picked files and folders from this machine',
    onProject({
      paths: z.array(absolutePath).min(1).max(MAX_IMPORT_PATHS),
      labelFrom: z.enum(['folder', 'prefix', 'none']).default('folder'),
      /** Label every imported image as this class (a drop onto a class chip). */
      classId: id.optional(),
    }),
  ).returns<R.JobStarted>(),
  'imports.upload': call(
    'import files whose bytes the page sends (a drop in browser mode)',
    onProject({
      files: z
        .array(z.strictObject({ relativePath: z.string().min(1).max(1024), bytes }))
        .min(1)
        .max(MAX_UPLOAD_FILES),
      labelFrom: z.enum(['folder', 'none']).default('folder'),
      classId: id.optional(),
      /** Uploads of one drop go to one import: the first call answers its id, the next ones pass it. */
      uploadId: z.string().regex(/^[a-z0-9-]{8,64}$/).optional(),
      last: z.boolean().default(true),
    }),
  ).returns<R.UploadAccepted>(),
  'imports.cancel': call('stop an import; what was imported stays', onProject({ jobId: id })).returns<R.JobStatus>(),
  'imports.status': call('progress of an import', onProject({ jobId: id })).returns<R.JobStatus>(),
  'imports.problems': call('files an import skipped, with reasons', onProject({ jobId: id })).returns<R.ImportProblem[]>(),

  'runs.start': call('train a network on the project', onProject({ request: startRunSchema })).returns<R.RunStarted>(),
  'runs.pause': call('pause a training run', onProject({ runId: id })).returns<R.RunStatus>(),
  'runs.resume': call('resume a paused or interrupted run', onProject({ runId: id })).returns<R.RunStatus>(),
  'runs.stop': call('stop a run, keeping its last checkpoint', onProject({ runId: id })).returns<R.RunStatus>(),
  'runs.list': call('every run with its state', onProject({})).returns<R.RunStatus[]>(),
  'runs.metrics': call(
    'the metrics of a run recorded after a step',
    onProject({ runId: id, afterStep: z.number().int().min(-1).max(Number.MAX_SAFE_INTEGER).optional(), scope: z.enum(['step', 'epoch']).optional() }),
  ).returns<R.RunMetric[]>(),
  'runs.evaluation': call('the evaluation reports of a run', onProject({ runId: id })).returns<R.RunEvaluation>(),

  'classify.start': call(
    'classify every photo of a folder with a run\'s model',
    onProject({ runId: id, folder: absolutePath, topK: z.number().int().min(1).max(100).default(3), uncertainBelow: probability.default(0) }),
  ).returns<R.JobStarted>(),
  'classify.cancel': call('stop a folder classification', onProject({ jobId: id })).returns<R.JobStatus>(),
  'classify.list': call('the stored folder classifications', onProject({})).returns<R.Classification[]>(),
  'classify.results': call(
    'one page of a stored classification',
    onProject({ classificationId: id, from: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(), limit: z.number().int().min(1).max(5000).optional() }),
  ).returns<R.ClassifiedPhoto[]>(),

  'exports.dataset': call('write the labeled images as an ImageFolder tree', onProject({ folder: absolutePath })).returns<R.JobStarted>(),
  'exports.model': call(
    'write a run\'s model as .fbmodel or ONNX',
    onProject({ runId: id, format: z.enum(['fbmodel', 'onnx']), path: absolutePath }),
  ).returns<R.ModelExported>(),

  ...designAndTrainingCalls,

  'dialogs.pickFolder': call('the native folder picker (desktop only)', z.strictObject({ title: z.string().max(200).optional() })).returns<R.PickedFolder>(),
  ...insightCalls,
} as const satisfies Record<string, CallDefinition>;

export type CallName = keyof typeof apiCalls;
export type CallRequest<N extends CallName> = z.input<(typeof apiCalls)[N]['request']>;
/** What the main process's handler receives: the request after validation and defaults. */
export type ValidCallRequest<N extends CallName> = z.output<(typeof apiCalls)[N]['request']>;
export type CallResponse<N extends CallName> = NonNullable<(typeof apiCalls)[N]['response']>;

export const CALL_NAMES = Object.keys(apiCalls) as CallName[];

const jobProgress = z.strictObject({
  done: z.number(),
  total: z.number(),
  /** Items per second; null until measurable. */
  rate: z.number().nullable(),
  etaSeconds: z.number().nullable(),
});

/** Events from the main process to every open page. */
export const apiEvents = {
  /** Something in a project changed (labels, classes, images…); pages refresh what they show. */
  'project.changed': z.strictObject({
    project: z.string(),
    change: z.enum(['images', 'labels', 'splits', 'classes', 'settings', 'jobs', 'runs', 'architectures']),
    ids: z.array(z.number()).max(10_000).optional(),
  }),
  /** A long operation moved on, or ended. */
  'job.progress': z.strictObject({
    project: z.string(),
    jobId: z.number(),
    kind: z.enum(['import', 'train', 'evaluate', 'classify', 'export']),
    state: z.enum(['queued', 'running', 'paused', 'done', 'failed', 'cancelled', 'interrupted']),
    progress: jobProgress.nullable(),
    error: z.string().nullable(),
  }),
  /** New training metrics, as they are recorded. */
  'run.metrics': z.strictObject({
    project: z.string(),
    runId: z.number(),
    metrics: z.array(z.strictObject({ scope: z.enum(['step', 'epoch']), metric: z.string(), step: z.number(), epoch: z.number(), value: z.number() })),
  }),
  /** The desktop menu asks the page to run one of the workbench's commands. */
  'menu.command': z.strictObject({ command: z.enum(WORKBENCH_COMMAND_IDS) }),
} as const;

export type EventName = keyof typeof apiEvents;
export type EventPayload<E extends EventName> = z.output<(typeof apiEvents)[E]>;
export const EVENT_NAMES = Object.keys(apiEvents) as EventName[];
