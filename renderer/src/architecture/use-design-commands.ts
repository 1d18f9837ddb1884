// The Design tab's command registry bound to its state, and its shortcuts on the keyboard (not while typing
// in a field: there Ctrl+Z undoes the typing, as everywhere).
import { useEffect, useMemo, useRef } from 'react';
import type { CommandRegistry } from '../commands/command-registry.ts';
import { detectPlatform, type Platform } from '../commands/key-chord.ts';
import { designCommands, type DesignContext } from './design-commands.ts';
import type { Design } from './use-design.ts';

export interface DesignCommands {
  readonly registry: CommandRegistry<DesignContext>;
  readonly context: DesignContext;
  readonly platform: Platform;
}

const platform = detectPlatform(navigator.platform);

export function useDesignCommands(design: Design): DesignCommands {
  const registry = useMemo(designCommands, []);
  const context: DesignContext = { canUndo: design.canUndo, canRedo: design.canRedo, undo: design.undo, redo: design.redo };
  const latest = useRef(context);
  useEffect(() => {
    latest.current = context;
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.target as HTMLElement).closest('input, textarea, select, [contenteditable="true"]')) return;
      const command = registry.forKey(event, platform, latest.current);
      if (!command) return;
      event.preventDefault();
      void command.run(latest.current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [registry]);

  return { registry, context, platform };
}
