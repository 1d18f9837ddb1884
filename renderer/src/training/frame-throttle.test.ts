// Redraws folded into one per frame, and none after cancel.
import { describe, expect, it } from 'vitest';
import { FrameThrottle } from './frame-throttle.ts';

function fakeFrames() {
  const queued = new Map<number, () => void>();
  let next = 1;
  return {
    frames: { request: (cb: () => void) => (queued.set(next, cb), next++), cancel: (h: number) => void queued.delete(h) },
    tick: () => {
      const callbacks = [...queued.values()];
      queued.clear();
      callbacks.forEach((cb) => cb());
    },
  };
}

describe('FrameThrottle', () => {
  it('draws once per frame however often it is asked', () => {
    const { frames, tick } = fakeFrames();
    let draws = 0;
    const throttle = new FrameThrottle(() => draws++, frames);
    for (let i = 0; i < 50; i++) throttle.request();
    tick();
    expect(draws).toBe(1);
    throttle.request();
    tick();
    expect(draws).toBe(2);
  });

  it('draws nothing once cancelled', () => {
    const { frames, tick } = fakeFrames();
    let draws = 0;
    const throttle = new FrameThrottle(() => draws++, frames);
    throttle.request();
    throttle.cancel();
    tick();
    expect(draws).toBe(0);
  });
});
