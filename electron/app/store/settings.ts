// The project's settings: its name, the network's input size, channels, resize mode and JPEG draft decoding,
// and the split ratios.
import { LIMITS } from '../../../core/spec/model-spec.ts';
import { RESIZE_MODES } from '../../../core/io/preprocessing.ts';
import type { StoreContext } from './context.ts';
import { imageId } from './ids.ts';
import { requireSplitRatios } from './split-assignment.ts';
import type { Splits } from './splits.ts';
import { StoreError } from './store-error.ts';
import type { ProjectSettings } from './types.ts';
import { requireBoolean, requireInteger, requireName, requireObject, requireOneOf } from './validate.ts';

/** What a new project starts with, apart from its name. */
export const DEFAULT_SETTINGS: Omit<ProjectSettings, 'name'> = {
  inputHeight: 64,
  inputWidth: 64,
  channels: 3,
  resizeMode: 'crop',
  jpegDraft: false,
  splitRatios: { train: 0.8, validation: 0.1, test: 0.1 },
};

export type NewProjectSettings = Partial<ProjectSettings> & { readonly name: string };
export type SettingsChanges = Partial<ProjectSettings>;

interface SettingsRow {
  name: string;
  input_height: number;
  input_width: number;
  channels: 1 | 3;
  resize_mode: ProjectSettings['resizeMode'];
  jpeg_draft: 0 | 1;
  split_train: number;
  split_validation: number;
  split_test: number;
}

export class Settings {
  private cached: ProjectSettings | null = null;

  constructor(
    private readonly ctx: StoreContext,
    private readonly splits: () => Splits,
  ) {}

  get(): ProjectSettings {
    if (this.cached !== null) return this.cached;
    const row = this.ctx.sql<[], SettingsRow>('SELECT * FROM settings WHERE id = 1').get();
    if (row === undefined) throw new StoreError('not-a-project', 'project', 'project.db has no settings: the project was not created completely');
    this.cached = {
      name: row.name,
      inputHeight: row.input_height,
      inputWidth: row.input_width,
      channels: row.channels,
      resizeMode: row.resize_mode,
      jpegDraft: row.jpeg_draft === 1,
      splitRatios: { train: row.split_train, validation: row.split_validation, test: row.split_test },
    };
    return this.cached;
  }

  /** Writes the settings of a new project (createProject calls this once). */
  initialise(input: NewProjectSettings): ProjectSettings {
    const settings = requireSettings({ ...DEFAULT_SETTINGS, ...defined(requireObject('settings', input)) });
    this.ctx.write(() => {
      const now = this.ctx.now();
      this.ctx
        .sql(
          `INSERT INTO settings (id, name, input_height, input_width, channels, resize_mode, jpeg_draft, split_train, split_validation, split_test, created_at, updated_at)
           VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...settingsValues(settings), now, now);
    });
    this.cached = null;
    return this.get();
  }

  /**
   * Changes some settings in one transaction. New ratios re-assign the photos whose split is automatic; a new
   * input size, channel count, resize mode or JPEG draft setting marks every cached training tensor stale.
   */
  update(changes: SettingsChanges): { settings: ProjectSettings; splitsChanged: number; tensorsInvalidated: number } {
    const before = this.get();
    const settings = requireSettings({ ...before, ...defined(requireObject('changes', changes)) });
    // The cached row is dropped whatever happens, so a rolled-back write can never leave it stale.
    try {
      return this.write(before, settings);
    } finally {
      this.cached = null;
    }
  }

  private write(before: ProjectSettings, settings: ProjectSettings): { settings: ProjectSettings; splitsChanged: number; tensorsInvalidated: number } {
    return this.ctx.write(() => {
      this.ctx
        .sql(
          `UPDATE settings SET name = ?, input_height = ?, input_width = ?, channels = ?, resize_mode = ?, jpeg_draft = ?, split_train = ?,
             split_validation = ?, split_test = ?, updated_at = ? WHERE id = 1`,
        )
        .run(...settingsValues(settings), this.ctx.now());
      this.cached = null; // listeners told after the commit read the new row
      const r = settings.splitRatios;
      const b = before.splitRatios;
      const ratiosChanged = r.train !== b.train || r.validation !== b.validation || r.test !== b.test;
      const splitsChanged = ratiosChanged ? this.splits().reassignAutomatic(r).length : 0;
      const inputChanged =
        settings.inputHeight !== before.inputHeight || settings.inputWidth !== before.inputWidth || settings.channels !== before.channels || settings.resizeMode !== before.resizeMode ||
        settings.jpegDraft !== before.jpegDraft;
      let tensorsInvalidated = 0;
      if (inputChanged) {
        const stale = this.ctx.sql<[], { id: number }>('UPDATE images SET has_tensor = 0 WHERE has_tensor = 1 RETURNING id').all();
        tensorsInvalidated = stale.length;
        if (stale.length > 0) this.ctx.emit({ type: 'images-changed', imageIds: stale.map((s) => imageId(s.id)) });
      }
      this.ctx.emit({ type: 'settings-changed', settings });
      return { settings, splitsChanged, tensorsInvalidated };
    });
  }
}

/** Leaves out keys whose value is undefined, so `{ channels: undefined }` keeps the current channels. */
function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined));
}

function settingsValues(s: ProjectSettings): [string, number, number, number, string, number, number, number, number] {
  return [s.name, s.inputHeight, s.inputWidth, s.channels, s.resizeMode, s.jpegDraft ? 1 : 0, s.splitRatios.train, s.splitRatios.validation, s.splitRatios.test];
}

function requireSettings(o: Record<string, unknown>): ProjectSettings {
  const known = new Set(['name', 'inputHeight', 'inputWidth', 'channels', 'resizeMode', 'jpegDraft', 'splitRatios']);
  for (const key of Object.keys(o)) if (!known.has(key)) throw new StoreError('invalid', key, `${key} is not a project setting`);
  return {
    name: requireName('name', o.name),
    inputHeight: requireInteger('inputHeight', o.inputHeight, 1, LIMITS.maxImageSide),
    inputWidth: requireInteger('inputWidth', o.inputWidth, 1, LIMITS.maxImageSide),
    channels: requireOneOf('channels', o.channels, [1, 3] as const),
    resizeMode: requireOneOf('resizeMode', o.resizeMode, RESIZE_MODES),
    jpegDraft: requireBoolean('jpegDraft', o.jpegDraft),
    splitRatios: requireSplitRatios('splitRatios', o.splitRatios),
  };
}
