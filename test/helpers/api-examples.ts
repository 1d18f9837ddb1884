// One valid request for every call of the API contract, against the project made by seedApiProject: the
// IPC fuzz mutates these into invalid ones, and the type makes a call without an example a compile error.
import type { CallName, CallRequest } from '../../electron/contract/api-contract.ts';

export const EXAMPLE_PROJECT = 'Fuzz target';

const p = EXAMPLE_PROJECT;

export const validExamples: { readonly [N in CallName]: CallRequest<N> } = {
  'app.info': {},
  'projects.list': {},
  'projects.create': { name: 'Birds', inputWidth: 32, inputHeight: 32, channels: 3, resizeMode: 'crop' },
  'projects.open': { project: p },
  'projects.rename': { project: p, name: 'Renamed' },
  'projects.delete': { project: p, confirmName: 'Fuzz target' },
  'projects.overview': { project: p },
  'settings.update': { project: p, changes: { inputWidth: 48, splitRatios: { train: 0.7, validation: 0.2, test: 0.1 } } },
  'images.page': { project: p, filter: { kind: 'class', classId: 1 }, sort: 'name', after: null, limit: 50 },
  'images.ids': { project: p, filter: { kind: 'all', unlabeledFirst: true }, sort: 'imported' },
  'images.getMany': { project: p, imageIds: [3, 1, 2] },
  'images.get': { project: p, imageId: 1 },
  'images.thumbnail': { project: p, imageId: 1 },
  'images.original': { project: p, imageId: 1 },
  'labels.assign': { project: p, imageIds: [1, 2, 3], classId: 1 },
  'labels.unassign': { project: p, imageIds: [1] },
  'edits.undo': { project: p },
  'edits.redo': { project: p },
  'edits.history': { project: p },
  'classes.create': { project: p, name: 'Owl', colour: '#112233', shortcut: 'o' },
  'classes.update': { project: p, classId: 1, name: 'Cats', colour: '#abcdef', shortcut: null },
  'classes.reorder': { project: p, classIds: [2, 1] },
  'classes.merge': { project: p, from: 1, into: 2 },
  'classes.delete': { project: p, classId: 2 },
  'splits.move': { project: p, imageIds: [1, 2], split: 'test' },
  'imports.start': { project: p, paths: ['/tmp/photos'], labelFrom: 'folder', classId: 1 },
  'imports.upload': { project: p, files: [{ relativePath: 'cat/a.png', bytes: new ArrayBuffer(8) }], labelFrom: 'folder', last: true },
  'imports.cancel': { project: p, jobId: 1 },
  'imports.status': { project: p, jobId: 1 },
  'imports.problems': { project: p, jobId: 1 },
  'runs.start': { project: p, request: { preset: 'w1', config: { epochs: 1, batchSize: 8 }, backend: 'cpu' } },
  'runs.pause': { project: p, runId: 1 },
  'runs.resume': { project: p, runId: 1 },
  'runs.stop': { project: p, runId: 1 },
  'runs.list': { project: p },
  'runs.metrics': { project: p, runId: 1, afterStep: 0, scope: 'step' },
  'runs.evaluation': { project: p, runId: 1 },
  'classify.start': { project: p, runId: 1, folder: '/tmp/photos', topK: 3, uncertainBelow: 0.5 },
  'classify.cancel': { project: p, jobId: 1 },
  'classify.list': { project: p },
  'classify.results': { project: p, classificationId: 1, from: 0, limit: 100 },
  'exports.dataset': { project: p, folder: '/tmp/export' },
  'exports.model': { project: p, runId: 1, format: 'onnx', path: '/tmp/model.onnx' },
  'dialogs.pickFolder': { title: 'Choose a folder' },
};
