// The one preprocessing definition: how a photo becomes the network's input. Stored in every model file and
// export, and used by training, evaluation and classification alike, so a model predicts what the app did.
import { z } from 'zod';
import { LIMITS } from '../spec/model-spec.ts';

export const RESIZE_MODES = ['stretch', 'crop', 'letterbox'] as const;
export type ResizeMode = (typeof RESIZE_MODES)[number];

const side = (name: string) =>
  z.number().int({ error: `${name} must be a whole number` }).min(1).max(LIMITS.maxImageSide, { error: `${name} must be at most ${LIMITS.maxImageSide}` });

const channelValues = z.array(z.number().refine(Number.isFinite, { error: 'must be a finite number' })).min(1).max(3);

export const preprocessingSchema = z
  .strictObject({
    width: side('width'),
    height: side('height'),
    /** 1: grayscale (ITU-R BT.601 luma), 3: RGB in that order. */
    channels: z.union([z.literal(1), z.literal(3)], { error: 'channels must be 1 or 3' }),
    /** stretch: ignore aspect ratio; crop: fill then cut the centre; letterbox: fit inside, pad the rest. */
    resize: z.enum(RESIZE_MODES, { error: `resize must be one of ${RESIZE_MODES.join(', ')}` }),
    /** Letterbox padding colour, 0–255 per channel of the output. */
    fill: z.number().int().min(0).max(255).default(0),
    /** Per channel, applied as (pixel / 255 − mean) / std. */
    mean: channelValues,
    std: channelValues.refine((s) => s.every((v) => v > 0), { error: 'std values must be > 0' }),
    /**
     * JPEGs only: decode at 1/2, 1/4 or 1/8 size first, exactly as Pillow's Image.draft(mode, size) does
     * (core/io/jpeg-draft.ts says how), then resize as usual. Much faster on photos, slightly different
     * pixels, so it is part of the definition. Absent in files from before it existed: false.
     */
    jpegDraft: z.boolean({ error: 'jpegDraft must be true or false' }).default(false),
  })
  .refine((p) => p.mean.length === p.channels && p.std.length === p.channels, {
    error: 'mean and std need one value per channel',
  });

export type Preprocessing = z.infer<typeof preprocessingSchema>;

export function defaultPreprocessing(
  height: number,
  width: number,
  channels: 1 | 3,
  resize: ResizeMode = 'stretch',
  jpegDraft = false,
): Preprocessing {
  return {
    width,
    height,
    channels,
    resize,
    fill: 0,
    mean: new Array<number>(channels).fill(0),
    std: new Array<number>(channels).fill(1),
    jpegDraft,
  };
}

/**
 * The definition as files store it: jpegDraft only when it is on, so every file written before the field
 * existed (and every model without it) keeps its exact bytes, and older readers still accept those files.
 */
export function storedPreprocessing(p: Preprocessing): Omit<Preprocessing, 'jpegDraft'> & { jpegDraft?: true } {
  const { jpegDraft, ...rest } = p;
  return jpegDraft ? { ...rest, jpegDraft: true } : rest;
}
