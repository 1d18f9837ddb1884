// A request to explain a photo is taken once, and only by its own project.
import { describe, expect, it } from 'vitest';
import { requestExplanation, takeRequestedImage } from './explain-request.ts';

describe('explain requests', () => {
  it('hands the requested photo to its project once', () => {
    requestExplanation('Birds', 42);
    expect(takeRequestedImage('Cats')).toBeNull();
    expect(takeRequestedImage('Birds')).toBe(42);
    expect(takeRequestedImage('Birds')).toBeNull();
  });
});
