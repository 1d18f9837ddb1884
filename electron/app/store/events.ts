// What changed in a project, told after each committed transaction, so the grid and counts refresh; a tiny
// typed emitter of our own (no electron, no node:events string typing).
import type { ClassId, ImageId, JobId, RunId } from './ids.ts';
import type { Job, ProjectSettings } from './types.ts';

export type StoreEvent =
  | { readonly type: 'images-added'; readonly imageIds: readonly ImageId[] }
  /** File presence (blob, thumbnail, tensor) changed. */
  | { readonly type: 'images-changed'; readonly imageIds: readonly ImageId[] }
  | { readonly type: 'labels-changed'; readonly imageIds: readonly ImageId[] }
  | { readonly type: 'splits-changed'; readonly imageIds: readonly ImageId[] }
  /** Created, renamed, recoloured, reordered, merged away or deleted. */
  | { readonly type: 'classes-changed'; readonly classIds: readonly ClassId[] }
  | { readonly type: 'settings-changed'; readonly settings: ProjectSettings }
  | { readonly type: 'job-changed'; readonly job: Job }
  | { readonly type: 'import-items-changed'; readonly jobId: JobId }
  | { readonly type: 'runs-changed'; readonly runIds: readonly RunId[] }
  /** Saved, renamed, replaced or deleted. */
  | { readonly type: 'architectures-changed'; readonly architectureIds: readonly number[] };

export type StoreEventType = StoreEvent['type'];
export type StoreEventOf<T extends StoreEventType> = Extract<StoreEvent, { type: T }>;

type Listener = (event: StoreEvent) => void;

export class StoreEvents {
  private readonly listeners = new Set<Listener>();

  /** @param onListenerError where a failing listener's error goes; it never undoes a committed change. */
  constructor(private readonly onListenerError: (error: unknown) => void = (error) => console.error('store listener failed', error)) {}

  on<T extends StoreEventType>(type: T, listener: (event: StoreEventOf<T>) => void): () => void {
    return this.onAny((event) => {
      if (event.type === type) listener(event as StoreEventOf<T>);
    });
  }

  onAny(listener: Listener): () => void {
    // A wrapper per subscription, so the same function subscribed twice is also removed one at a time.
    const entry: Listener = (event) => listener(event);
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  emit(event: StoreEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
