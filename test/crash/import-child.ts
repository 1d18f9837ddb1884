// The process the crash drill kills: opens (or creates) a project, then resumes its unfinished import or starts
// one of the photo folder, printing one JSON line per progress report so the drill knows when to strike.
// Usage: node --import tsx test/crash/import-child.ts <project folder> <photo folder> <pool size>
import { existsSync } from 'node:fs';
import { ImportPool } from '../../native-workers/import/import-pool.ts';
import { Importer } from '../../electron/app/import/importer.ts';
import { createProject, openProject } from '../../electron/app/project/open-project.ts';

const [projectFolder, photoFolder, poolSize] = process.argv.slice(2);
if (!projectFolder || !photoFolder || !poolSize) throw new Error('usage: import-child.ts <project folder> <photo folder> <pool size>');

const say = (line: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(line)}\n`);

const project = existsSync(projectFolder)
  ? openProject(projectFolder)
  : createProject(projectFolder, { name: 'Crash drill', inputHeight: 16, inputWidth: 16, channels: 3 });
const { store } = project;
const pool = new ImportPool({ size: Number(poolSize) });
const importer = new Importer(project, pool);

// Only the very first run starts an import; every later one resumes it, so a run after the job finished
// imports nothing rather than a second, all-duplicate job.
const everStarted = store.jobs.list({ kinds: ['import'] }).length > 0;
const unfinished = store.imports.unfinished()[0];
const jobId = unfinished?.job.id ?? (everStarted ? null : importer.start({ paths: [photoFolder] }));
say({ event: 'open', jobId, resumed: unfinished !== undefined });
if (jobId !== null) {
  const summary = await importer.run(jobId, {
    onProgress: ({ done, total, listed }) => say({ event: 'progress', done, total, listed }),
  });
  say({ event: 'summary', state: summary.state, imported: summary.imported, duplicates: summary.duplicates.length, failures: summary.failures.length });
}
await pool.close();
store.close();
