// A stored classification's photos as the classify service's results again (absolute paths included), with
// the user's uncertainty threshold applied: the table, the CSV and the sort plan all use the same rule.
import { isAbsolute, join, relative, resolve } from 'node:path';
import { ApiError } from '../../contract/api-error.ts';
import type { PhotoResult } from '../classify/results.ts';
import type { OpenProject } from '../project/open-project.ts';
import type { Classification, ClassifiedPhoto } from '../store/classifications.ts';

const PAGE = 10_000;

export function findClassification(project: OpenProject, classificationId: number): Classification {
  const found = project.store.classifications.list().find((c) => c.id === classificationId);
  if (!found) throw new ApiError('not-found', 'classificationId', `there is no classification with id ${classificationId}`);
  return found;
}

/**
 * The photo's absolute path: its folder joined with the stored relative name. A stored name that would lead
 * outside the classified folder is refused, so no row can name an arbitrary file of this machine.
 */
export function photoPath(folder: string, file: string): string {
  const path = resolve(join(folder, file));
  const inside = relative(resolve(folder), path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) throw new ApiError('forbidden', 'position', `${file} is not inside ${folder}`);
  return path;
}

export function classifiedPhotos(project: OpenProject, classification: Classification): ClassifiedPhoto[] {
  const rows: ClassifiedPhoto[] = [];
  for (let from = 0; ; from += PAGE) {
    const page = project.store.classifications.results(classification.id, { from, limit: PAGE });
    rows.push(...page);
    if (page.length < PAGE) return rows;
  }
}

/**
 * A stored photo judged again at another threshold: uncertain when its confidence is below it, and then in no
 * class; otherwise in its most probable class (kept in `top` even for photos uncertain at the first threshold).
 */
export function withThreshold(photo: ClassifiedPhoto, path: string, uncertainBelow: number): PhotoResult {
  const base = { file: photo.file, path, top: photo.top };
  if (photo.error !== null || photo.confidence === null || photo.top.length === 0) {
    return { ...base, predicted: null, confidence: null, uncertain: null, error: photo.error ?? { reason: 'unreadable', message: 'no prediction' } };
  }
  const uncertain = photo.confidence < uncertainBelow;
  return { ...base, predicted: uncertain ? null : photo.top[0].label, confidence: photo.confidence, uncertain, error: null };
}

/** Every photo of the classification at the threshold, with its absolute path. */
export function resultsAt(project: OpenProject, classification: Classification, uncertainBelow: number): PhotoResult[] {
  return classifiedPhotos(project, classification).map((photo) => withThreshold(photo, photoPath(classification.folder, photo.file), uncertainBelow));
}
