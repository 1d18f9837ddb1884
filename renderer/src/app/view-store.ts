// The small store behind a screen's state outside React: the current state, subscribers told of every change
// (for useSyncExternalStore), and the last failure as a message for the page to show.
import { errorMessage } from './error-message.ts';

export abstract class ViewStore<State extends { readonly error: string | null }> {
  private readonly listeners = new Set<() => void>();

  protected constructor(protected state: State) {}

  get(): State {
    return this.state;
  }

  snapshot = (): State => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  protected set(changes: Partial<State>): void {
    this.state = { ...this.state, ...changes };
    for (const listener of this.listeners) listener();
  }

  protected fail(error: unknown): void {
    this.set({ error: errorMessage(error) } as Partial<State>);
  }
}
