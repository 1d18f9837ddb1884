// The store side of an import: a job with the list of files it found, and the recording of each decoded
// file in the same transaction that marks it done, so a crash never loses or duplicates a photo.
import { basename, dirname } from 'node:path';
import type { Classes } from './classes.ts';
import type { StoreContext } from './context.ts';
import { classId, imageId, importItemId, jobId, type ClassId, type ImageId, type ImportItemId, type JobId } from './ids.ts';
import type { Images } from './images.ts';
import { requireNewImage, requireReasonCode } from './new-image.ts';
import type { Jobs } from './jobs.ts';
import { classNameKey, toImportItem, type ImportItemRow } from './rows.ts';
import { StoreError } from './store-error.ts';
import { FINISHED_JOB_STATES, IMPORT_ITEM_STATES, SPLITS, type ImportItem, type ImportItemState, type Job, type Split, type SplitRatios } from './types.ts';
import { requireId, requireInteger, requireJson, requireName, requireObject, requireOneOf, requireText } from './validate.ts';

/** A file found under the dropped folders, with what the folder conventions say about it. */
export interface ImportFile {
  readonly path: string;
  /** Class from the folder name or file-name prefix; null or absent leaves it unlabeled. */
  readonly className?: string | null;
  /** From a train/val/test folder; null or absent lets the hash decide. */
  readonly split?: Split | null;
}

/** What the decode worker made of one pending file. */
export type ImportOutcome =
  | {
      readonly itemId: ImportItemId;
      readonly kind: 'decoded';
      readonly sha256: string;
      readonly byteSize: number;
      readonly format: string;
      readonly width: number;
      readonly height: number;
      readonly hasBlob: boolean;
      readonly hasThumbnail: boolean;
      readonly hasTensor: boolean;
    }
  /** The bytes were read but are no image we can decode: kept as an unreadable photo, reported as a failure. */
  | { readonly itemId: ImportItemId; readonly kind: 'unreadable'; readonly sha256: string; readonly byteSize: number; readonly code: string; readonly reason: string; readonly hasBlob?: boolean }
  /** Nothing could be read (permission, vanished, a folder): only the reason is kept. */
  | { readonly itemId: ImportItemId; readonly kind: 'failed'; readonly code: string; readonly reason: string };

export interface ImportJob {
  readonly job: Job;
  /** Whatever the importer was asked (roots, prefix labeling…), as it stored it. */
  readonly options: unknown;
  /** Every file has been found and added; a resume need not walk the folders again. */
  readonly listed: boolean;
}

export type ImportProgress = Readonly<Record<ImportItemState, number>> & { readonly total: number; readonly listed: boolean };

export interface RecordedImport {
  readonly added: readonly ImageId[];
  readonly duplicates: ReadonlyArray<{ readonly itemId: ImportItemId; readonly imageId: ImageId }>;
  readonly failed: number;
  /** Items that were no longer pending (recorded before), left as they were. */
  readonly skipped: readonly ImportItemId[];
  readonly classesCreated: readonly ClassId[];
}

const MAX_PATH = 4096;
const MAX_BATCH = 10_000;

export class Imports {
  constructor(
    private readonly ctx: StoreContext,
    private readonly jobs: Jobs,
    private readonly images: Images,
    private readonly classes: Classes,
    private readonly ratios: () => SplitRatios,
  ) {}

  /** A queued import job; the importer then adds the files it finds. */
  start(options: unknown): ImportJob {
    const json = requireJson('options', options);
    return this.ctx.write(() => {
      const job = this.jobs.create('import');
      this.ctx.sql('INSERT INTO import_jobs (job_id, options) VALUES (?, ?)').run(job.id, json);
      return this.get(job.id);
    });
  }

  get(id: JobId): ImportJob {
    const jid = requireId('jobId', id);
    const row = this.ctx.sql<[number], { options: string; listed: number }>('SELECT options, listed FROM import_jobs WHERE job_id = ?').get(jid);
    if (row === undefined) throw new StoreError('not-found', 'jobId', `there is no import job with id ${jid}`);
    return { job: this.jobs.get(jobId(jid)), options: JSON.parse(row.options) as unknown, listed: row.listed === 1 };
  }

  /** Import jobs that have not finished (queued, running, paused, interrupted): the ones to resume. */
  unfinished(): ImportJob[] {
    return this.jobs.list({ kinds: ['import'] }).filter((job) => !FINISHED_JOB_STATES.includes(job.state)).map((job) => this.get(job.id));
  }

  /** Adds found files in one transaction; a path already in the job is ignored, so listing again is harmless. */
  addItems(id: JobId, files: readonly ImportFile[]): { added: number } {
    if (!Array.isArray(files) || files.length > MAX_BATCH) throw new StoreError('invalid', 'files', `files must be a list of at most ${MAX_BATCH}`);
    const valid = files.map((file, i) => {
      const o = requireObject(`files[${i}]`, file);
      return {
        path: requireText(`files[${i}].path`, o.path, MAX_PATH),
        className: o.className === undefined || o.className === null ? null : requireName(`files[${i}].className`, o.className),
        split: o.split === undefined || o.split === null ? null : requireOneOf(`files[${i}].split`, o.split, SPLITS),
      };
    });
    return this.ctx.write(() => {
      const job = this.requireOpen(id);
      let added = 0;
      const insert = this.ctx.sql('INSERT INTO import_items (job_id, path, class_name, split) VALUES (?, ?, ?, ?) ON CONFLICT (job_id, path) DO NOTHING');
      for (const f of valid) added += insert.run(job.id, f.path, f.className, f.split).changes;
      if (added > 0) this.ctx.emit({ type: 'import-items-changed', jobId: job.id });
      return { added };
    });
  }

  /** Marks the list of files complete. */
  finishListing(id: JobId): void {
    this.ctx.write(() => {
      const job = this.requireOpen(id);
      this.ctx.sql('UPDATE import_jobs SET listed = 1 WHERE job_id = ?').run(job.id);
      this.ctx.emit({ type: 'import-items-changed', jobId: job.id });
    });
  }

  /** The next pending files in the order they were found. */
  pending(id: JobId, page: { readonly after?: ImportItemId | null; readonly limit?: number } = {}): ImportItem[] {
    return this.items(id, { ...page, state: 'pending' });
  }

  items(id: JobId, page: { readonly state?: ImportItemState; readonly after?: ImportItemId | null; readonly limit?: number } = {}): ImportItem[] {
    const job = this.get(id).job;
    const p = requireObject('page', page);
    const after = p.after === undefined || p.after === null ? 0 : requireId('after', p.after);
    const limit = p.limit === undefined ? 100 : requireInteger('limit', p.limit, 1, MAX_BATCH);
    if (p.state === undefined) {
      return this.ctx.sql<unknown[], ImportItemRow>('SELECT * FROM import_items WHERE job_id = ? AND id > ? ORDER BY id LIMIT ?').all(job.id, after, limit).map(toImportItem);
    }
    const state = requireOneOf('state', p.state, IMPORT_ITEM_STATES);
    return this.ctx
      .sql<unknown[], ImportItemRow>('SELECT * FROM import_items WHERE job_id = ? AND state = ? AND id > ? ORDER BY id LIMIT ?')
      .all(job.id, state, after, limit)
      .map(toImportItem);
  }

  progress(id: JobId): ImportProgress {
    const imp = this.get(id);
    const counts: Record<ImportItemState, number> = { pending: 0, done: 0, failed: 0, duplicate: 0 };
    const rows = this.ctx.sql<[number], { state: ImportItemState; n: number }>('SELECT state, count(*) AS n FROM import_items WHERE job_id = ? GROUP BY state').all(imp.job.id);
    for (const row of rows) counts[row.state] = row.n;
    return { ...counts, total: counts.pending + counts.done + counts.failed + counts.duplicate, listed: imp.listed };
  }

  /**
   * Records decoded files in one transaction: each new photo is inserted (with its folder's class, created if
   * needed, and split) and its item marked done in the same commit; a hash already present marks it duplicate.
   */
  record(id: JobId, outcomes: readonly ImportOutcome[]): RecordedImport {
    if (!Array.isArray(outcomes) || outcomes.length > MAX_BATCH) throw new StoreError('invalid', 'outcomes', `outcomes must be a list of at most ${MAX_BATCH}`);
    const valid = outcomes.map((o, i) => requireOutcome(`outcomes[${i}]`, o));
    return this.ctx.write(() => {
      const job = this.requireOpen(id);
      const ratios = this.ratios();
      const added: ImageId[] = [];
      const duplicates: Array<{ itemId: ImportItemId; imageId: ImageId }> = [];
      const skipped: ImportItemId[] = [];
      const classesCreated: ClassId[] = [];
      let failed = 0;
      const mark = this.ctx.sql('UPDATE import_items SET state = ?, reason_code = ?, reason = ?, image_id = ? WHERE id = ?');

      valid.forEach((outcome, i) => {
        const field = `outcomes[${i}]`;
        const item = this.ctx.sql<[number, number], ImportItemRow>('SELECT * FROM import_items WHERE id = ? AND job_id = ?').get(outcome.itemId, job.id);
        if (item === undefined) throw new StoreError('not-found', `${field}.itemId`, `import job ${job.id} has no file with id ${outcome.itemId}`);
        if (item.state !== 'pending') return void skipped.push(importItemId(item.id));
        if (outcome.kind === 'failed') {
          failed++;
          return void mark.run('failed', outcome.code, outcome.reason, null, item.id);
        }
        const existing = this.ctx.sql<[string], { id: number }>('SELECT id FROM images WHERE sha256 = ?').get(outcome.sha256);
        if (existing !== undefined) {
          duplicates.push({ itemId: importItemId(item.id), imageId: imageId(existing.id) });
          return void mark.run('duplicate', null, null, existing.id, item.id);
        }
        const cls = item.class_name === null ? null : this.classFor(item.class_name, classesCreated);
        const image = requireNewImage(field, {
          sha256: outcome.sha256,
          fileName: basename(item.path),
          folder: dirname(item.path),
          byteSize: outcome.byteSize,
          ...(outcome.kind === 'decoded'
            ? { format: outcome.format, width: outcome.width, height: outcome.height, hasBlob: outcome.hasBlob, hasThumbnail: outcome.hasThumbnail, hasTensor: outcome.hasTensor }
            : { unreadable: { code: outcome.code, reason: outcome.reason }, hasBlob: outcome.hasBlob ?? false }),
          classId: cls,
          split: item.split,
        });
        const newId = this.images.insert(field, image, ratios);
        added.push(newId);
        if (outcome.kind === 'decoded') mark.run('done', null, null, newId, item.id);
        else {
          failed++;
          mark.run('failed', outcome.code, outcome.reason, newId, item.id);
        }
      });
      if (added.length > 0) this.ctx.emit({ type: 'images-added', imageIds: added });
      this.ctx.emit({ type: 'import-items-changed', jobId: job.id });
      return { added, duplicates, failed, skipped, classesCreated };
    });
  }

  private classFor(name: string, created: ClassId[]): ClassId {
    const row = this.ctx.sql<[string], { id: number }>('SELECT id FROM classes WHERE name_key = ?').get(classNameKey(name));
    if (row !== undefined) return classId(row.id);
    const cls = this.classes.insert(name, undefined, null);
    created.push(cls.id);
    return cls.id;
  }

  private requireOpen(id: JobId): Job {
    const { job } = this.get(id);
    if (FINISHED_JOB_STATES.includes(job.state)) throw new StoreError('conflict', 'jobId', `import job ${job.id} has already ${job.state === 'done' ? 'finished' : job.state === 'failed' ? 'failed' : 'been cancelled'}`);
    return job;
  }
}

function requireOutcome(field: string, value: unknown): ImportOutcome {
  const o = requireObject(field, value);
  const itemId = importItemId(requireId(`${field}.itemId`, o.itemId));
  const kind = requireOneOf(`${field}.kind`, o.kind, ['decoded', 'unreadable', 'failed'] as const);
  if (kind === 'failed') return { itemId, kind, code: requireReasonCode(`${field}.code`, o.code), reason: requireText(`${field}.reason`, o.reason, 1000) };
  // The image fields are checked by requireNewImage when the photo is inserted; the hash is needed before.
  const checked = requireNewImage(field, {
    sha256: o.sha256,
    fileName: 'x',
    folder: 'x',
    byteSize: o.byteSize,
    ...(kind === 'decoded' ? { format: o.format, width: o.width, height: o.height, hasBlob: o.hasBlob, hasThumbnail: o.hasThumbnail, hasTensor: o.hasTensor } : { unreadable: { code: o.code, reason: o.reason }, hasBlob: o.hasBlob }),
  });
  if (kind === 'unreadable') {
    return { itemId, kind, sha256: checked.sha256, byteSize: checked.byteSize, code: checked.unreadable!.code, reason: checked.unreadable!.reason, hasBlob: checked.hasBlob };
  }
  return {
    itemId,
    kind,
    sha256: checked.sha256,
    byteSize: checked.byteSize,
    format: checked.format!,
    width: checked.width!,
    height: checked.height!,
    hasBlob: checked.hasBlob,
    hasThumbnail: checked.hasThumbnail,
    hasTensor: checked.hasTensor,
  };
}
