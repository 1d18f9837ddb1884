// The registry: one command per key, disabled commands ignore their keys, groups for the help overlay.
import { describe, expect, it } from 'vitest';
import { CommandRegistry, type Command } from './command-registry.ts';

interface Context {
  selected: number;
  log: string[];
}

const command = (id: string, keys: string[], group = 'Labeling', enabled?: (c: Context) => boolean): Command<Context> => ({
  id, title: id, group, keys, enabled, run: (c) => void c.log.push(id),
});

const event = (key: string, ctrlKey = false) => ({ key, ctrlKey, metaKey: false, shiftKey: false, altKey: false });

describe('CommandRegistry', () => {
  it('finds the enabled command of a key and runs it', async () => {
    const registry = new CommandRegistry<Context>([command('undo', ['Mod+Z'], 'Edit'), command('unlabel', ['Backspace'], 'Labeling', (c) => c.selected > 0)]);
    const context: Context = { selected: 0, log: [] };
    expect(registry.forKey(event('Backspace'), 'other', context)).toBeNull();
    context.selected = 2;
    await registry.forKey(event('Backspace'), 'other', context)!.run(context);
    await registry.forKey(event('z', true), 'other', context)!.run(context);
    expect(context.log).toEqual(['unlabel', 'undo']);
    expect(registry.forKey(event('q'), 'other', context)).toBeNull();
  });

  it('refuses two commands on one key, and repeated ids', () => {
    const registry = new CommandRegistry<Context>([command('a', ['1'])]);
    expect(() => registry.register(command('b', ['2', '1']))).toThrow(/1 is the shortcut of both "a" and "b"/);
    expect(() => registry.register(command('a', ['3']))).toThrow(/two commands have the id a/);
    expect(registry.all().map((c) => c.id)).toEqual(['a']);
  });

  it('groups commands for the help overlay in registration order', () => {
    const registry = new CommandRegistry<Context>([command('next', ['ArrowRight'], 'Navigation'), command('label-1', ['1']), command('prev', ['ArrowLeft'], 'Navigation')]);
    expect([...registry.groups()].map(([group, list]) => [group, list.map((c) => c.id)])).toEqual([
      ['Navigation', ['next', 'prev']],
      ['Labeling', ['label-1']],
    ]);
  });
});
