// Fails the build on any HIGH-severity Electronegativity finding that electronegativity-accepted.json does not
// list with a reason, on any file it could not parse (an unparsed file is an unchecked file), and on any accepted
// entry that no longer matches a finding (so the list never hides a future finding by the same name).
//
//   node build/security/check-electronegativity.mjs [report.json]     (default: dist/security/electronegativity.json)
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_OUTPUT } from './electronegativity.mjs';

export const ACCEPTED_FILE = resolve(dirname(fileURLToPath(import.meta.url)), 'electronegativity-accepted.json');

/** The accepted list, checked: every entry names a check id and a file, and says why. */
export function readAccepted(path = ACCEPTED_FILE) {
  const entries = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(entries)) throw new Error(`${path}: expected a list of accepted findings`);
  for (const [i, e] of entries.entries()) {
    if (typeof e?.id !== 'string' || typeof e?.file !== 'string' || typeof e?.reason !== 'string' || e.reason.trim().length < 20) {
      throw new Error(`${path}: entry ${i} needs an id, a file and a reason of at least a sentence`);
    }
  }
  return entries;
}

const matches = (entry, finding) => entry.id === finding.id && entry.file === finding.file;

/** What fails the check: unaccepted HIGH findings, parse errors and stale acceptances; plus what was accepted. */
export function judge(report, accepted) {
  const high = report.findings.filter((f) => f.severity === 'HIGH');
  return {
    failures: high.filter((f) => !accepted.some((e) => matches(e, f))),
    accepted: high.filter((f) => accepted.some((e) => matches(e, f))),
    stale: accepted.filter((e) => !high.some((f) => matches(e, f))),
    errors: report.errors,
    others: report.findings.filter((f) => f.severity !== 'HIGH'),
  };
}

export function summary(verdict) {
  const line = (f) => `  ${f.severity} ${f.id} ${f.file}:${f.line}${f.sample ? `  ${f.sample.trim().slice(0, 100)}` : ''}`;
  const lines = [];
  if (verdict.failures.length) lines.push('HIGH findings not accepted:', ...verdict.failures.map(line));
  if (verdict.errors.length) lines.push('files Electronegativity could not parse:', ...verdict.errors.map((e) => `  ${e.file}: ${e.message}`));
  if (verdict.stale.length) lines.push('accepted findings that no longer occur (remove them):', ...verdict.stale.map((e) => `  ${e.id} ${e.file}`));
  if (verdict.accepted.length) lines.push('accepted:', ...verdict.accepted.map(line));
  if (verdict.others.length) lines.push('below HIGH (reported, not failing):', ...verdict.others.map(line));
  return lines.join('\n');
}

export const passed = (verdict) => verdict.failures.length === 0 && verdict.errors.length === 0 && verdict.stale.length === 0;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = JSON.parse(readFileSync(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUTPUT, 'utf8'));
  const verdict = judge(report, readAccepted());
  console.log(summary(verdict));
  if (!passed(verdict)) process.exitCode = 1;
}
