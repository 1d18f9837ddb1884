// View state kept per open project outside the tabs (a section unmounts when another tab is chosen), so a
// design or a half-filled training form is still there on return. Never saved: the project holds the data.

export class ProjectViewStore<T> {
  private readonly values = new Map<string, T>();
  private readonly listeners = new Set<() => void>();

  get(project: string): T | null {
    return this.values.get(project) ?? null;
  }

  set(project: string, value: T): void {
    this.values.set(project, value);
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
