// The command catalogue: unique ids and chords, and no chord a class could ever claim.
import { describe, expect, it } from 'vitest';
import { shortcut } from './request-schemas.ts';
import { WORKBENCH_COMMANDS } from './command-catalogue.ts';

describe('the workbench command catalogue', () => {
  it('gives every command a unique id and every chord one command', () => {
    const ids = WORKBENCH_COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const chords = WORKBENCH_COMMANDS.flatMap((c) => [...c.keys]);
    expect(new Set(chords).size).toBe(chords.length);
  });

  it('leaves every key a class may take (1–9 by position, a–z and 0–9 of its own) to the classes', () => {
    const classKeys = [...'abcdefghijklmnopqrstuvwxyz0123456789'].filter((k) => shortcut.safeParse(k).success);
    expect(classKeys).toHaveLength(36);
    for (const command of WORKBENCH_COMMANDS) {
      for (const chord of command.keys) expect(classKeys, `${command.id}: ${chord}`).not.toContain(chord.toLowerCase());
    }
  });

  it('gives every command a shortcut, and every command but the arrows, help and Escape a menu entry', () => {
    for (const command of WORKBENCH_COMMANDS) {
      expect(command.keys.length, command.id).toBeGreaterThan(0);
      const keyboardOnly = /^(next|previous|up|down)(-extend)?$|^help$|^escape$/.test(command.id);
      expect('menu' in command, command.id).toBe(!keyboardOnly);
    }
  });
});
