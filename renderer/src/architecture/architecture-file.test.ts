// Architecture files: what is written reads back the same; a bad file is refused naming the field at fault.
import { describe, expect, it } from 'vitest';
import { smallVgg } from '../../../core/spec/presets.ts';
import { architectureFileName, architectureToJson, parseArchitectureFile } from './architecture-file.ts';

describe('architecture files', () => {
  it('round-trips name and spec', () => {
    const text = architectureToJson('My VGG', smallVgg(4));
    expect(parseArchitectureFile(text, 'fallback')).toEqual({ name: 'My VGG', spec: smallVgg(4) });
  });

  it('accepts a bare spec, named by the file', () => {
    expect(parseArchitectureFile(JSON.stringify(smallVgg(2)), 'vgg.json').name).toBe('vgg.json');
  });

  it.each([
    ['{ not json', /^the file is not JSON/],
    ['[1, 2]', /^the file must hold a JSON object$/],
    [JSON.stringify({ format: 'keras', spec: {} }), /^format: expected "filterbank-architecture"$/],
    [JSON.stringify({ format: 'filterbank-architecture', version: 2, spec: {} }), /^version: /],
    [architectureToJson('x', { ...smallVgg(2), layers: [{ type: 'conv2d', filters: 4, kernel: 99 } as never] }), /^spec: layer 1 conv2d: kernel must be at most 64$/],
    [JSON.stringify({ input: { height: 8, width: 8, channels: 2 }, layers: [{ type: 'softmax' }] }), /^model spec: input\.channels: channels must be 1 \(grayscale\) or 3 \(RGB\)$/],
    [JSON.stringify({ input: { height: 8, width: 8, channels: 1 }, layers: [{ type: 'conv3d' }] }), /^layer 1 conv3d: unknown layer type$/],
  ])('refuses %s', (text, message) => {
    expect(() => parseArchitectureFile(text, 'f')).toThrow(message);
  });

  it('makes safe file names', () => {
    expect(architectureFileName('My net: v2/final')).toBe('My-net-v2-final.json');
    expect(architectureFileName('  ')).toBe('architecture.json');
  });
});
