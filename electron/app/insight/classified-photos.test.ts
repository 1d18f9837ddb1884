// A stored photo judged again at the user's threshold, and the rule that a stored row can only name a file
// inside its classified folder.
import { describe, expect, it } from 'vitest';
import type { ClassifiedPhoto } from '../store/classifications.ts';
import { photoPath, withThreshold } from './classified-photos.ts';

const stored: ClassifiedPhoto = {
  file: 'a/cat.jpg', predicted: null, confidence: 0.62, uncertain: true,
  top: [{ label: 'cat', probability: 0.62 }, { label: 'dog', probability: 0.38 }], error: null,
};

describe('withThreshold', () => {
  it('puts a photo uncertain at the first threshold into its best class at a lower one', () => {
    expect(withThreshold(stored, '/p/a/cat.jpg', 0.5)).toMatchObject({ predicted: 'cat', uncertain: false, confidence: 0.62, error: null, path: '/p/a/cat.jpg' });
  });

  it('marks it uncertain below the threshold, keeping the best guess in top', () => {
    const judged = withThreshold({ ...stored, predicted: 'cat', uncertain: false }, '/p/a/cat.jpg', 0.7);
    expect(judged).toMatchObject({ predicted: null, uncertain: true });
    expect(judged.top[0].label).toBe('cat');
  });

  it('keeps an unreadable photo unreadable', () => {
    const broken: ClassifiedPhoto = { file: 'x.jpg', predicted: null, confidence: null, uncertain: null, top: [], error: { reason: 'truncated', message: 'cut short' } };
    expect(withThreshold(broken, '/p/x.jpg', 0)).toMatchObject({ predicted: null, uncertain: null, error: { reason: 'truncated', message: 'cut short' } });
  });
});

describe('photoPath', () => {
  it('joins a stored name to its folder', () => {
    expect(photoPath('/photos', 'a/cat.jpg')).toBe('/photos/a/cat.jpg');
  });

  it('refuses a name that leads outside the folder', () => {
    expect(() => photoPath('/photos', '../etc/passwd')).toThrow(/not inside/);
    // An absolute stored name is joined, so it stays inside too.
    expect(photoPath('/photos', '/etc/passwd')).toBe('/photos/etc/passwd');
    expect(() => photoPath('/photos', '')).toThrow(/not inside/);
  });
});
