// Issue 8's yardstick: our folder classification (classifyFolder) against the plain pipeline a skilled developer
// would write in one process (sharp decode + resize, NCHW floats, onnxruntime-node on the exported model), same
// photos, same W2 model. Warm-up excluded; prints one JSON line per measurement, then per pool size the ratio
// ours/plain and how far the two pipelines' answers differ (sharp's resize is not Pillow's, so they do a little).
// The model's preprocessing has jpegDraft on (JPEGs decoded at reduced size, as Pillow's draft does, before our
// Pillow-exact resize); --full-decode measures the same model with it off. The plain pipeline is the same either way.
// Usage: npx tsx build/bench/classify-vs-onnxruntime.ts [--images 500] [--repeat 3] [--pool 2] [--ours-batch 4] [--batch 32] [--in-flight 4] [--full-decode]
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { exportOnnx } from '../../core/io/onnx/export-onnx.ts';
import type { Preprocessing } from '../../core/io/preprocessing.ts';
import { classifyFolder } from '../../electron/app/classify/classify-folder.ts';
import { decodeForClassification } from '../../native-workers/import/decode-image.ts';
import { defaultPoolSize } from '../../native-workers/pool.ts';
import { BENCH_NET, benchModel, benchPhotos, round, writeBenchModel } from './bench-photos.ts';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: '500' },
    repeat: { type: 'string', default: '3' },
    /** Pool sizes for ours besides the default one. */
    pool: { type: 'string', multiple: true },
    /** Photos per request for ours; default classifyFolder's own. */
    'ours-batch': { type: 'string' },
    /** The plain pipeline's photos per InferenceSession.run, and sharp decodes it keeps in flight. */
    batch: { type: 'string', default: '32' },
    'in-flight': { type: 'string', default: '4' },
    'full-decode': { type: 'boolean', default: false },
  },
});
const jpegDraft = !values['full-decode'];
const images = Number(values.images);
const repeat = Number(values.repeat);
const oursBatch = values['ours-batch'] === undefined ? undefined : Number(values['ours-batch']);
const ortBatch = Number(values.batch);
const inFlight = Number(values['in-flight']);
const WARM_UP_PHOTOS = 16;
/** Photos whose network inputs are compared pixel by pixel between the two pipelines. */
const PIXEL_SAMPLE = 50;

// The plain pipeline reads each photo once; libvips' cache would only add memory (our workers turn it off too).
sharp.cache(false);

/** Class probabilities per photo path, in class-name order. */
type Scores = Map<string, Float32Array>;

const SHARP_FIT = { stretch: 'fill', crop: 'cover', letterbox: 'contain' } as const;

/** The plain pipeline's network input: sharp's own resize (with JPEG shrink-on-load), (H, W, C) uint8. */
async function decodePlain(file: string, p: Preprocessing): Promise<Buffer> {
  const background = { r: p.fill, g: p.fill, b: p.fill };
  let image = sharp(file).autoOrient().resize(p.width, p.height, { fit: SHARP_FIT[p.resize], position: 'centre', background });
  image = image.flatten({ background: '#ffffff' });
  image = p.channels === 1 ? image.grayscale() : image.toColourspace('srgb');
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== p.channels) throw new Error(`${file}: sharp gave ${info.channels} channels, expected ${p.channels}`);
  return data;
}

/** The plain pipeline: a few sharp decodes in flight on libuv's pool, one InferenceSession.run per batch. */
async function classifyPlain(onnxPath: string, folder: string, p: Preprocessing): Promise<Scores> {
  const session = await ort.InferenceSession.create(onnxPath);
  const files = readdirSync(folder).filter((f) => f.toLowerCase().endsWith('.jpg')).map((f) => join(folder, f));
  const { width: W, height: H, channels: C } = p;
  const CHW = C * H * W;
  const scores: Scores = new Map();

  // pixels is (H, W, C) uint8 from sharp; the model wants (N, C, H, W) float32, normalised.
  async function infer(batch: { file: string; pixels: Buffer }[]): Promise<void> {
    const N = batch.length;
    const x = new Float32Array(N * CHW);
    batch.forEach(({ pixels }, n) => {
      for (let c = 0; c < C; c++) {
        const scale = 1 / (255 * p.std[c]);
        const shift = p.mean[c] / p.std[c];
        const o = n * CHW + c * H * W;
        for (let i = 0; i < H * W; i++) x[o + i] = pixels[i * C + c] * scale - shift;
      }
    });
    const out = await session.run({ input: new ort.Tensor('float32', x, [N, C, H, W]) });
    const probabilities = out.probabilities.data as Float32Array;
    const K = probabilities.length / N;
    batch.forEach(({ file }, n) => scores.set(file, probabilities.slice(n * K, (n + 1) * K)));
  }

  let next = 0;
  const ready: { file: string; pixels: Buffer }[] = [];
  async function lane(): Promise<void> {
    while (next < files.length) {
      const file = files[next++];
      ready.push({ file, pixels: await decodePlain(file, p) });
      if (ready.length >= ortBatch) await infer(ready.splice(0, ortBatch));
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane));
  if (ready.length > 0) await infer(ready.splice(0));
  await session.release();
  return scores;
}

async function classifyOurs(modelPath: string, folder: string, poolSize: number, classNames: readonly string[]): Promise<Scores> {
  // Every class, so the whole ranking can be compared, not only the top one.
  const summary = await classifyFolder({ model: modelPath, folder, topK: classNames.length, poolSize, batchSize: oursBatch });
  const scores: Scores = new Map();
  for (const r of summary.results) {
    if (r.error !== null) continue;
    const probabilities = new Float32Array(classNames.length);
    for (const t of r.top) probabilities[classNames.indexOf(t.label)] = t.probability;
    scores.set(r.path, probabilities);
  }
  return scores;
}

const argmax = (v: Float32Array): number => v.reduce((best, x, i) => (x > v[best] ? i : best), 0);
const ranking = (v: Float32Array): string => [...v.keys()].sort((a, b) => v[b] - v[a]).join(',');
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** How far apart two pipelines' answers are: same top-1, same full ranking, probability differences. */
function compare(ours: Scores, plain: Scores): Record<string, unknown> {
  let top1 = 0;
  let fullRanking = 0;
  let maxDiff = 0;
  let sumDiff = 0;
  for (const [path, a] of ours) {
    const b = plain.get(path)!;
    if (argmax(a) === argmax(b)) top1++;
    if (ranking(a) === ranking(b)) fullRanking++;
    for (let k = 0; k < a.length; k++) {
      maxDiff = Math.max(maxDiff, Math.abs(a[k] - b[k]));
      sumDiff += Math.abs(a[k] - b[k]);
    }
  }
  // With random weights a net may give most photos one class, which makes top-1 agreement easy: say how spread it is.
  const classesSeen = (s: Scores) => new Set([...s.values()].map(argmax)).size;
  return {
    top1_agree: top1,
    full_ranking_agree: fullRanking,
    top1_classes_seen: { ours: classesSeen(ours), plain: classesSeen(plain) },
    probability_abs_diff: { max: round(maxDiff, 4), mean: round(sumDiff / (ours.size * (ours.values().next().value?.length ?? 1)), 5) },
  };
}

/** Network inputs of the first photos by both pipelines: how much sharp's resize differs from our Pillow-exact one. */
async function comparePixels(folder: string, p: Preprocessing): Promise<Record<string, unknown>> {
  const files = readdirSync(folder).filter((f) => f.toLowerCase().endsWith('.jpg')).slice(0, PIXEL_SAMPLE);
  let sum = 0;
  let max = 0;
  let n = 0;
  for (const f of files) {
    const ours = await decodeForClassification(join(folder, f), p);
    if (!ours.ok) throw new Error(`${f}: ${ours.message}`);
    const plain = await decodePlain(join(folder, f), p);
    ours.tensor.data.forEach((v, i) => {
      const d = Math.abs(v - plain[i]);
      sum += d;
      max = Math.max(max, d);
      n++;
    });
  }
  return { bench: 'classify-vs-ort-pixels', photos: files.length, pixel_abs_diff: { mean: round(sum / n, 2), max } };
}

const photos = await benchPhotos(images);
const temp = mkdtempSync(join(tmpdir(), 'filterbank-bench-vs-ort-'));
try {
  const model = benchModel({ jpegDraft });
  const { preprocessing: p, classNames } = model;
  const modelPath = writeBenchModel(temp, model);
  const onnxPath = join(temp, 'w2.onnx');
  writeFileSync(onnxPath, exportOnnx(model));
  const warmUp = join(temp, 'warm-up');
  mkdirSync(warmUp);
  for (const f of readdirSync(photos).slice(0, WARM_UP_PHOTOS)) copyFileSync(join(photos, f), join(warmUp, f));

  const defaultPool = defaultPoolSize(images);
  const pools = [...new Set([defaultPool, ...(values.pool ?? []).map(Number)])];
  type Contender = { name: 'ours' | 'plain'; pool?: number; run: (folder: string) => Promise<Scores> };
  const contenders: Contender[] = [
    ...pools.map((pool): Contender => ({ name: 'ours', pool, run: (folder) => classifyOurs(modelPath, folder, pool, classNames) })),
    { name: 'plain', run: (folder) => classifyPlain(onnxPath, folder, p) },
  ];
  for (const c of contenders) await c.run(warmUp);

  const rates = new Map<Contender, number[]>(contenders.map((c) => [c, []]));
  const answers = new Map<Contender, Scores>();
  // Interleaved, so a neighbour's load on the machine falls on every contender alike.
  for (let run = 0; run < repeat; run++) {
    for (const c of contenders) {
      const start = performance.now();
      const scores = await c.run(photos);
      const seconds = (performance.now() - start) / 1000;
      if (scores.size !== images) throw new Error(`${c.name} classified ${scores.size} of ${images} photos`);
      rates.get(c)!.push(images / seconds);
      answers.set(c, scores);
      const setup =
        c.name === 'plain'
          ? { ort_batch: ortBatch, in_flight: inFlight }
          : { pool_size: c.pool, default_pool: c.pool === defaultPool, batch_size: oursBatch ?? 'default', jpeg_draft: jpegDraft };
      console.log(JSON.stringify({ bench: 'classify-vs-ort', pipeline: c.name, ...setup, run, images, net: BENCH_NET, seconds: round(seconds, 2), photos_per_s: round(images / seconds) }));
    }
  }

  const plain = contenders.find((c) => c.name === 'plain')!;
  const spread = (xs: number[]) => ({ median: round(median(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)) });
  for (const c of contenders.filter((c) => c.name === 'ours')) {
    console.log(
      JSON.stringify({
        bench: 'classify-vs-ort-summary',
        images,
        pool_size: c.pool,
        default_pool: c.pool === defaultPool,
        batch_size: oursBatch ?? 'default',
        jpeg_draft: jpegDraft,
        ours_photos_per_s: spread(rates.get(c)!),
        plain_photos_per_s: spread(rates.get(plain)!),
        ratio_ours_over_plain: round(median(rates.get(c)!) / median(rates.get(plain)!), 2),
        ...compare(answers.get(c)!, answers.get(plain)!),
      }),
    );
  }
  console.log(JSON.stringify(await comparePixels(photos, p)));
} finally {
  rmSync(temp, { recursive: true, force: true });
}
