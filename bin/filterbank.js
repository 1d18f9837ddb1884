#!/usr/bin/env node
// The filterbank command from a clone: runs the TypeScript sources through tsx (a dev dependency).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/app/cli/main.ts');
const controller = new AbortController();
// Ctrl-C stops the work cleanly (imports record what they finished); a second one exits at once.
process.once('SIGINT', () => {
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }, controller.signal);
