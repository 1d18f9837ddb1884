// filterbank import <project> <folder|file>... : imports photos, creating the project if the folder is new.
import { ImportPool } from '../../../../native-workers/import/import-pool.ts';
import { Importer } from '../../import/importer.ts';
import { RESIZE_MODES } from '../../../../core/io/preprocessing.ts';
import { EXIT, UsageError, type Reporter } from '../cli-io.ts';
import { absolutePath, inputShape, oneOf, parseCommand, positiveInteger } from '../options.ts';
import { openOrCreate } from '../project-arg.ts';

export const importUsage =
  'filterbank import <project> <folder|file>... [--label-from folder|prefix|none] [--input HxWxC] [--resize stretch|crop|letterbox] [--jpeg-draft] [--workers N] [--json]';

export async function importCommand(args: string[], out: Reporter, signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    'label-from': { type: 'string' },
    input: { type: 'string' },
    resize: { type: 'string' },
    // A new project decodes JPEGs at reduced size first (Preprocessing.jpegDraft); an existing one keeps its setting.
    'jpeg-draft': { type: 'boolean' },
    workers: { type: 'string' },
  });
  const [folder, ...paths] = positionals;
  if (paths.length === 0) throw new UsageError('give at least one folder or file to import after <project>');
  const labelFrom = oneOf('--label-from', values['label-from'], ['folder', 'prefix', 'none'] as const, 'folder');
  const resize = oneOf('--resize', values.resize, RESIZE_MODES, 'crop');
  const workers = positiveInteger('--workers', values.workers, 2);
  const { project, created } = openOrCreate(folder, { ...inputShape(values.input), resizeMode: resize, jpegDraft: values['jpeg-draft'] === true });
  if (created) out.note(`created project ${project.paths.root}`);
  const pool = new ImportPool({ size: workers });
  try {
    const importer = new Importer(project, pool);
    const jobId = importer.start({ paths: paths.map(absolutePath), labelFrom });
    const summary = await importer.run(jobId, {
      signal,
      onProgress: (p) =>
        out.progress('importing', {
          done: p.done,
          total: p.total,
          detail: `${p.imagesPerSecond.toFixed(0)} images/s${p.etaSeconds !== null ? `, ETA ${Math.ceil(p.etaSeconds)} s` : ''}`,
        }, { failed: p.failed, duplicates: p.duplicates, imagesPerSecond: p.imagesPerSecond, etaSeconds: p.etaSeconds }),
    });
    const counts = project.store.images.counts();
    out.summary(
      { command: 'import', project: project.paths.root, state: summary.state, imported: summary.imported, duplicates: summary.duplicates.length, failed: summary.failures, images: counts.total },
      [
        `${summary.state === 'cancelled' ? 'cancelled after importing' : 'imported'} ${summary.imported} photos into ${project.paths.root}`,
        ...(summary.duplicates.length ? [`${summary.duplicates.length} duplicates skipped (already in the project)`] : []),
        ...summary.failures.map((f) => `not imported: ${f.path}: ${f.reason}`),
        `the project now holds ${counts.total} photos (${counts.unlabeled} unlabeled)`,
      ],
    );
    return summary.state === 'cancelled' ? EXIT.failed : EXIT.ok;
  } finally {
    await pool.close();
    project.store.close();
  }
}
