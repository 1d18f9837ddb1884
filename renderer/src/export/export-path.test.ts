// Model export paths: a safe file name from the run's name, the extension following the format, and joining
// with the folder's own separator.
import { describe, expect, it } from 'vitest';
import { joinPath, suggestedFileName, withExtension } from './export-path.ts';

describe('export paths', () => {
  it('suggests a safe file name with the format\'s extension', () => {
    expect(suggestedFileName('W1 seed, 10 epochs', 'onnx')).toBe('W1 seed, 10 epochs.onnx');
    expect(suggestedFileName('birds: v2/final?', 'fbmodel')).toBe('birds- v2-final.fbmodel');
    expect(suggestedFileName('...', 'onnx')).toBe('model.onnx');
  });

  it('switches a known extension when the format changes, and leaves other names alone', () => {
    expect(withExtension('birds.fbmodel', 'onnx')).toBe('birds.onnx');
    expect(withExtension('birds.ONNX', 'fbmodel')).toBe('birds.fbmodel');
    expect(withExtension('birds.bin', 'onnx')).toBe('birds.bin');
  });

  it('joins with the separator the folder uses', () => {
    expect(joinPath('/home/me/models', 'a.onnx')).toBe('/home/me/models/a.onnx');
    expect(joinPath('/home/me/models/', 'a.onnx')).toBe('/home/me/models/a.onnx');
    expect(joinPath('C:\\Users\\me', 'a.onnx')).toBe('C:\\Users\\me\\a.onnx');
  });
});
