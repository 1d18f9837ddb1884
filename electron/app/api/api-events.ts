// The main process's side of the contract's events: services emit typed payloads; each transport (Electron
// IPC, browser-mode WebSocket) subscribes once and forwards them to its pages.
import type { EventName, EventPayload } from '../../contract/api-contract.ts';

type Listener = (event: EventName, payload: unknown) => void;

export class ApiEvents {
  private readonly listeners = new Set<Listener>();

  on(listener: Listener): () => void {
    const entry: Listener = (event, payload) => listener(event, payload);
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        // One closed window or socket must not keep the others from hearing about changes.
        console.error(`a listener of ${event} failed`, error);
      }
    }
  }
}
