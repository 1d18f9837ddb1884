// The "?" overlay: every command with its shortcuts, grouped, straight from the command registry.
import { useEffect, useRef } from 'react';
import type { CommandRegistry } from '../commands/command-registry.ts';
import { chordLabel, type Platform } from '../commands/key-chord.ts';
import type { SectionShortcut } from './project-sections.tsx';

interface Props<C> {
  readonly registry: CommandRegistry<C>;
  readonly platform: Platform;
  /** The project's section tabs, listed after the commands. */
  readonly sections: readonly SectionShortcut[];
  readonly onClose: () => void;
}

export function HelpOverlay<C>({ registry, platform, sections, onClose }: Props<C>) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current!;
    if (!d.open) d.showModal();
    return () => d.close();
  }, []);
  return (
    <dialog ref={dialog} className="help-overlay" aria-labelledby="help-title" onClose={onClose} onCancel={onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <div className="help-groups">
        {[...registry.groups()].map(([group, commands]) => (
          <section key={group}>
            <h3>{group}</h3>
            <dl>
              {commands.map((c) => (
                <div key={c.id} className="help-row">
                  <dt>{c.title}</dt>
                  <dd>
                    {c.keys.length === 0
                      ? '—'
                      : c.keys.map((k) => (
                          <kbd key={k}>{k === ' ' ? 'Space' : chordLabel(k, platform)}</kbd>
                        ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        {sections.length > 1 && (
          <section>
            <h3>Sections</h3>
            <dl>
              {sections.map((s) => (
                <div key={s.chord} className="help-row">
                  <dt>{s.title}</dt>
                  <dd>
                    <kbd>{chordLabel(s.chord, platform)}</kbd>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        )}
      </div>
      <button type="button" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}
