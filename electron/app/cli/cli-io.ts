// How a command talks to the terminal: human progress bars on a TTY, or one JSON object per line with --json.
// Exit codes: 0 success, 1 the work failed (with the reason), 2 bad usage.
import type { Writable } from 'node:stream';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Bad usage: a missing argument, an unknown option, a malformed value. The message names it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliStreams {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
}

export interface Progress {
  done: number;
  total: number;
  /** Shown after the bar, e.g. "42 images/s, ETA 12 s". */
  detail?: string;
}

export class Reporter {
  private lastDraw = 0;

  constructor(
    private readonly io: CliStreams,
    readonly json: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** A progress event: a JSON line, or a bar redrawn at most ten times a second on a terminal. */
  progress(task: string, p: Progress, fields: Record<string, unknown> = {}): void {
    if (this.json) {
      this.line({ type: 'progress', task, done: p.done, total: p.total, ...fields });
      return;
    }
    if (!this.io.stderr.isTTY) return;
    const t = this.now();
    if (t - this.lastDraw < 100 && p.done < p.total) return;
    this.lastDraw = t;
    const width = 30;
    const filled = p.total > 0 ? Math.round((width * Math.min(p.done, p.total)) / p.total) : 0;
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    this.io.stderr.write(`\r${task} ${bar} ${p.done}/${p.total}${p.detail ? `  ${p.detail}` : ''}\x1b[K`);
  }

  /** A milestone (an epoch ended, a file was written): a JSON line, or the human text on stderr. */
  event(type: string, fields: Record<string, unknown>, human: string): void {
    if (this.json) this.line({ type, ...fields });
    else this.note(human);
  }

  /** A line for people (stderr, so stdout stays clean for data); nothing in JSON mode. */
  note(text: string): void {
    if (this.json) return;
    if (this.io.stderr.isTTY) this.io.stderr.write('\r\x1b[K');
    this.io.stderr.write(`${text}\n`);
  }

  /** The final result: the summary object in JSON mode, else the human lines. */
  summary(result: Record<string, unknown>, human: string[]): void {
    if (this.json) this.line({ type: 'summary', ...result });
    else {
      if (this.io.stderr.isTTY) this.io.stderr.write('\r\x1b[K');
      for (const text of human) this.io.stdout.write(`${text}\n`);
    }
  }

  error(message: string, exitCode: number): void {
    if (this.json) this.line({ type: 'error', message, exitCode });
    else this.io.stderr.write(`${this.io.stderr.isTTY ? '\r\x1b[K' : ''}filterbank: ${message}\n`);
  }

  private line(value: Record<string, unknown>): void {
    this.io.stdout.write(`${JSON.stringify(value)}\n`);
  }
}
