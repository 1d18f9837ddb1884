// Runs Electronegativity (Doyensec's Electron security linter) over the shell's sources and writes its findings
// as JSON, offline:
//
//   node build/security/electronegativity.mjs [input folder] [output.json]
//
// It calls the same runner as the `electronegativity` command, with the same options as
// `electronegativity -i electron/shell -e <electron version> -x AvailableSecurityFixesGlobalCheck -r`, because the
// command writes only CSV (whose header and rows are two racing asynchronous writes) or SARIF (which drops the
// severity), and the severity is what the check needs.
//
// Network: AvailableSecurityFixesGlobalCheck downloads Electron's release list from GitHub (6 s and a warning
// offline), so it is excluded; keeping Electron patched is the dependency updates' job. The runner's only other
// network use is a download of updated message translations with a 1 s timeout, whose failure it ignores
// (there is no option to turn it off); check ids and severities are not translated.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

export const DEFAULT_INPUT = resolve(repo, 'electron', 'shell');
export const DEFAULT_OUTPUT = resolve(repo, 'dist', 'security', 'electronegativity.json');
/** Checks that need the network; see the top of this file. */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** The version of the Electron we build with, as Electronegativity's -e flag expects it. */
export function electronVersion() {
  return JSON.parse(readFileSync(resolve(repo, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/** Scans `input`; each finding with its check id, severity, confidence, file (relative to input) and line. */
export async function scan(input = DEFAULT_INPUT) {
  const module = require('@doyensec/electronegativity');
  const run = module.default ?? module;
  // The runner prints its progress and the translation warning to the console; the findings are what matter.
  const log = console.log;
  console.log = () => {};
  let result;
  try {
    result = await run(
      {
        input,
        electronVersionOverride: electronVersion(),
        customScan: [],
        excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()),
        isRelative: true,
        parserPlugins: [],
      },
      false,
    );
  } finally {
    console.log = log;
  }
  const findings = result.issues.map((issue) => ({
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: issue.file,
    line: issue.location?.line ?? 0,
    manualReview: Boolean(issue.manualReview),
    sample: issue.sample ?? '',
    description: issue.description,
  }));
  const errors = result.errors.filter((e) => !e.tolerable).map((e) => ({ file: e.file, message: e.message }));
  return { electronVersion: electronVersion(), input, findings, errors };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const input = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_INPUT;
  const output = process.argv[3] ? resolve(process.argv[3]) : DEFAULT_OUTPUT;
  const report = await scan(input);
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`electronegativity ${report.electronVersion}: ${report.findings.length} findings, ${report.errors.length} parse errors → ${output}`);
}
