// Checks the torch fixture reader, and that every fixture file is consistent with its own attributes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TORCH_FIXTURE_DIR, listTorchFixtures, loadTorchFixture, parseTorchFixture } from './torch-fixtures.ts';
import type { TorchFixture } from './torch-fixtures.ts';

const cases = listTorchFixtures();
const windowOut = (size: number, F: number, S: number, P: number) => Math.floor((size + 2 * P - F) / S) + 1;
const num = (fx: TorchFixture, key: string) => fx.attrs[key] as number;

describe('torch fixtures', () => {
  it('has every family of case', () => {
    for (const prefix of ['conv2d_', 'maxpool_', 'avgpool_', 'dense', 'batchnorm_', 'loss_', 'w1_sgd']) {
      expect(cases.some((c) => c.startsWith(prefix)), prefix).toBe(true);
    }
  });

  it.each(cases)('%s loads and matches its attributes', (name) => {
    const fx = loadTorchFixture(name);
    expect(fx.case).toBe(name);
    expect(fx.torch).toMatch(/^\d+\.\d+/);
    for (const t of Object.values(fx.tensors)) expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
    for (const t of Object.values(fx.tensors)) if (t.data instanceof Float32Array) expect(t.data.every(Number.isFinite)).toBe(true);
    if (name.startsWith('conv2d_')) checkConv(fx);
    else if (name.startsWith('maxpool_') || name.startsWith('avgpool_')) checkPool(fx);
    else if (name === 'dense') checkDense(fx);
    else if (name.startsWith('batchnorm_')) checkBatchNorm(fx);
    else if (name.startsWith('loss_')) checkLoss(fx);
    else if (name.startsWith('w1_')) checkW1(fx);
    else throw new Error(`no invariants for fixture ${name}`);
  });
});

function checkConv(fx: TorchFixture) {
  const [N, H, W, C] = fx.shape('x');
  const [K, S, P, OC] = [num(fx, 'kernel'), num(fx, 'stride'), num(fx, 'padding'), num(fx, 'filters')];
  expect(fx.shape('weight')).toEqual([OC, K, K, C]);
  expect(fx.shape('y')).toEqual([N, windowOut(H, K, S, P), windowOut(W, K, S, P), OC]);
  expect(fx.shape('dy')).toEqual(fx.shape('y'));
  expect(fx.shape('dx')).toEqual(fx.shape('x'));
  expect(fx.shape('dweight')).toEqual(fx.shape('weight'));
  expect('bias' in fx.tensors).toBe(fx.attrs.bias);
  expect('dbias' in fx.tensors).toBe(fx.attrs.bias);
  if (fx.attrs.bias) {
    // dbias[oc] is the sum of dy over N, OH, OW.
    const dy = fx.get('dy');
    const dbias = fx.get('dbias');
    for (let oc = 0; oc < OC; oc++) {
      let sum = 0;
      for (let i = oc; i < dy.length; i += OC) sum += dy[i];
      expect(dbias[oc]).toBeCloseTo(sum, 4);
    }
  }
}

function checkPool(fx: TorchFixture) {
  const [N, H, W, C] = fx.shape('x');
  const [F, S, P] = [num(fx, 'size'), num(fx, 'stride'), num(fx, 'padding')];
  const [OH, OW] = [windowOut(H, F, S, P), windowOut(W, F, S, P)];
  expect(fx.shape('y')).toEqual([N, OH, OW, C]);
  expect(fx.shape('dx')).toEqual(fx.shape('x'));
  // Recompute y naively: max ignores padding, avg divides by the non-padded cell count.
  const x = fx.get('x');
  const y = fx.get('y');
  const isMax = fx.case.startsWith('maxpool_');
  for (let n = 0; n < N; n++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let c = 0; c < C; c++) {
          let acc = isMax ? -Infinity : 0;
          let cells = 0;
          for (let kh = 0; kh < F; kh++)
            for (let kw = 0; kw < F; kw++) {
              const h = oh * S - P + kh;
              const w = ow * S - P + kw;
              if (h < 0 || h >= H || w < 0 || w >= W) continue;
              const v = x[((n * H + h) * W + w) * C + c];
              acc = isMax ? Math.max(acc, v) : acc + v;
              cells++;
            }
          expect(y[((n * OH + oh) * OW + ow) * C + c]).toBeCloseTo(isMax ? acc : acc / cells, 5);
        }
}

function checkDense(fx: TorchFixture) {
  const [N, inputs] = fx.shape('x');
  const units = num(fx, 'units');
  expect(fx.shape('weight')).toEqual([units, inputs]);
  expect(fx.shape('y')).toEqual([N, units]);
  const [x, w, b, y] = [fx.get('x'), fx.get('weight'), fx.get('bias'), fx.get('y')];
  let y00 = b[0];
  for (let i = 0; i < inputs; i++) y00 += x[i] * w[i];
  expect(y[0]).toBeCloseTo(y00, 5);
}

function checkBatchNorm(fx: TorchFixture) {
  const shape = fx.shape('x');
  const C = shape[shape.length - 1];
  for (const name of ['gamma', 'beta', 'dgamma', 'dbeta', 'runningMean', 'runningVar']) expect(fx.shape(name)).toEqual([C]);
  for (const name of ['y', 'dy', 'dx', 'yEval']) expect(fx.shape(name)).toEqual(shape);
  // In training mode each channel of y has mean beta, and runningMean = 0.1 * batch mean (from 0).
  const [x, y, beta, runningMean] = [fx.get('x'), fx.get('y'), fx.get('beta'), fx.get('runningMean')];
  const count = x.length / C;
  for (let c = 0; c < C; c++) {
    let xs = 0;
    let ys = 0;
    for (let i = c; i < x.length; i += C) {
      xs += x[i];
      ys += y[i];
    }
    expect(ys / count).toBeCloseTo(beta[c], 4);
    expect(runningMean[c]).toBeCloseTo((num(fx, 'momentum') * xs) / count, 5);
  }
}

function checkLoss(fx: TorchFixture) {
  const [N, K] = fx.shape('logits');
  expect(fx.shape('labels')).toEqual([N]);
  expect(fx.shape('loss')).toEqual([1]);
  expect(fx.shape('dlogits')).toEqual([N, K]);
  expect(fx.getInt('labels').every((l) => l >= 0 && l < K)).toBe(true);
  expect(fx.get('loss')[0]).toBeGreaterThan(0);
  const d = fx.get('dlogits');
  for (let n = 0; n < N; n++) expect(d.subarray(n * K, (n + 1) * K).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 6);
}

function checkW1(fx: TorchFixture) {
  const batch = num(fx, 'batch');
  expect(fx.shape('x')).toEqual([batch, 28, 28, 1]);
  expect(fx.get('x').every((v) => v >= 0 && v <= 1)).toBe(true);
  expect(fx.getInt('labels').every((l) => l >= 0 && l < 10)).toBe(true);
  expect(fx.shape('losses')).toEqual([num(fx, 'steps')]);
  const expected: Record<string, number[]> = {
    'layers.0.weight': [8, 5, 5, 1],
    'layers.0.bias': [8],
    'layers.3.weight': [16, 5, 5, 8],
    'layers.3.bias': [16],
    'layers.6.weight': [10, 7 * 7 * 16],
    'layers.6.bias': [10],
  };
  const names = (prefix: string) =>
    Object.keys(fx.tensors)
      .filter((n) => n.startsWith(prefix))
      .map((n) => n.slice(prefix.length))
      .sort();
  expect(names('init.')).toEqual(Object.keys(expected).sort());
  expect(names('final.')).toEqual(Object.keys(expected).sort());
  for (const [name, shape] of Object.entries(expected)) {
    expect(fx.shape(`init.${name}`)).toEqual(shape);
    expect(fx.shape(`final.${name}`)).toEqual(shape);
  }
}

describe('torch fixture reader', () => {
  const file = join(TORCH_FIXTURE_DIR, 'loss_ce.fbfx');
  const good = () => new Uint8Array(readFileSync(file));

  it('rejects a wrong magic, naming the file', () => {
    const bytes = good();
    bytes[0] = 'X'.charCodeAt(0);
    expect(() => parseTorchFixture(bytes, 'bad-magic.fbfx')).toThrow(/bad-magic\.fbfx.*magic/);
  });

  it('rejects an unknown version', () => {
    const bytes = good();
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(4, 2, true);
    expect(() => parseTorchFixture(bytes, 'v2.fbfx')).toThrow(/v2\.fbfx.*version 2/);
  });

  it('rejects truncated copies: data, header and preamble', () => {
    const bytes = good();
    expect(() => parseTorchFixture(bytes.slice(0, bytes.length - 4), 'short.fbfx')).toThrow(/short\.fbfx.*dlogits.*past the end/);
    expect(() => parseTorchFixture(bytes.slice(0, 40), 'short.fbfx')).toThrow(/short\.fbfx.*header/);
    expect(() => parseTorchFixture(bytes.slice(0, 6), 'short.fbfx')).toThrow(/short\.fbfx.*too short/);
  });

  it('reports a truncated file on disk by its path, and a missing tensor by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fbfx-'));
    try {
      writeFileSync(join(dir, 'cut.fbfx'), good().slice(0, -8));
      expect(() => loadTorchFixture('cut', dir)).toThrow(join(dir, 'cut.fbfx'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const fx = loadTorchFixture('loss_ce');
    expect(() => fx.get('nope')).toThrow(/no tensor nope/);
    expect(() => fx.get('labels')).toThrow(/int32/);
  });
});
