// One map drawn pixel for pixel on a canvas (ImageData), shown enlarged with crisp pixels.
import { useEffect, useRef } from 'react';

interface Props {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 RGBA bytes. */
  readonly rgba: Uint8ClampedArray<ArrayBuffer>;
  /** What the picture shows, for screen readers. */
  readonly label: string;
  /** CSS pixels of the longer side. */
  readonly size?: number;
}

export function PlaneCanvas({ width, height, rgba, label, size = 96 }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (context) context.putImageData(new ImageData(rgba, width, height), 0, 0);
  }, [rgba, width, height]);
  const scale = size / Math.max(width, height);
  return (
    <canvas
      ref={canvas} className="plane-canvas" width={width} height={height} role="img" aria-label={label}
      style={{ width: `${Math.round(width * scale)}px`, height: `${Math.round(height * scale)}px` }}
    />
  );
}
