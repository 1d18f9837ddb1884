// The micro-kernels of every instruction set, checked in C outside Node (gemm-check.c): this CPU's own sets,
// and AArch64's NEON set cross-compiled and run under qemu-user, so the Arm path is proven on an x86 machine.
// CI installs the cross compiler and qemu (.ci/run); elsewhere the Arm half skips, saying what is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');
const HARNESS = join(import.meta.dirname, 'gemm-check.c');
// Everything but the Node-API glue, with the addon's own optimisation flags.
const SOURCES = readdirSync(SRC).filter((f) => f.endsWith('.c') && f !== 'addon.c').map((f) => join(SRC, f));
const KERNEL_FLAGS = ['-std=gnu11', '-O3', '-fno-math-errno', '-fno-tree-loop-distribute-patterns', '-pthread'];
const out = mkdtempSync(join(tmpdir(), 'fb-isa-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const found = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, `${command} ${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
  return r.stdout;
}

/** Compiles the kernels with `flags` and the harness at -O1 (GCC 12's AArch64 vectoriser crashes on it at -O3). */
function build(cc: string, binary: string, extra: string[] = []): string {
  const objects = [...SOURCES, HARNESS].map((source, i) => {
    const object = join(out, `${binary}-${i}.o`);
    run(cc, [...KERNEL_FLAGS, ...(source === HARNESS ? ['-O1'] : []), '-c', source, '-o', object]);
    return object;
  });
  const path = join(out, binary);
  run(cc, [...extra, '-pthread', ...objects, '-lm', '-o', path]);
  return path;
}

describe('micro-kernels outside Node', () => {
  it.runIf(found('cc'))('agree with a float64 reference on this CPU, every set it runs', () => {
    const output = run(build('cc', 'host'), ['all']);
    expect(output).toMatch(/^sets: .*scalar/m);
    expect(output).toMatch(/ 0 failed$/m);
  });

  const arm = ['aarch64-linux-gnu-gcc', 'qemu-aarch64'].filter((tool) => !found(tool));
  it.skipIf(arm.length > 0)(`agree on AArch64 with NEON, under qemu${arm.length ? ` (skipped: ${arm.join(' and ')} not installed)` : ''}`, () => {
    const output = run('qemu-aarch64', [build('aarch64-linux-gnu-gcc', 'aarch64', ['-static']), 'all']);
    expect(output).toMatch(/^sets: neon scalar$/m);
    expect(output).toMatch(/ 0 failed$/m);
  }, 180_000);
});
