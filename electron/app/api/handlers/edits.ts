// Calls that change labels, classes and splits. Each is one store transaction whose undo record goes on the
// project's edit history, so Ctrl+Z in the page undoes exactly the last change, whatever made it.
import type { ClassEdit, EditResult } from '../../../contract/api-responses.ts';
import { classId, imageId } from '../../store/ids.ts';
import type { Undoable } from '../../store/undo.ts';
import type { HandlerTable, ServiceContext } from '../service-context.ts';

type EditCalls =
  | 'labels.assign' | 'labels.unassign' | 'edits.undo' | 'edits.redo' | 'edits.history' | 'classes.create' | 'classes.update'
  | 'classes.reorder' | 'classes.merge' | 'classes.delete' | 'splits.move';

function recorded(ctx: ServiceContext, project: string, result: Undoable, changed: number): EditResult {
  ctx.history(project).push(result.undo);
  return { description: result.undo.description, changed };
}

export const editHandlers: HandlerTable<EditCalls> = {
  'labels.assign': ({ project, imageIds, classId: id }, ctx) => {
    const result = ctx.project(project).store.labels.assign(imageIds.map(imageId), classId(id));
    return recorded(ctx, project, result, result.changed);
  },
  'labels.unassign': ({ project, imageIds }, ctx) => {
    const result = ctx.project(project).store.labels.unassign(imageIds.map(imageId));
    return recorded(ctx, project, result, result.changed);
  },
  'splits.move': ({ project, imageIds, split }, ctx) => {
    const result = ctx.project(project).store.splits.move(imageIds.map(imageId), split);
    return recorded(ctx, project, result, result.changed);
  },
  'edits.undo': ({ project }, ctx) => {
    const record = ctx.history(project).undo();
    return { applied: record !== null, description: record?.description ?? null };
  },
  'edits.redo': ({ project }, ctx) => {
    const record = ctx.history(project).redo();
    return { applied: record !== null, description: record?.description ?? null };
  },
  'edits.history': ({ project }, ctx) => ctx.history(project).peek(),
  'classes.create': ({ project, name, colour, shortcut }, ctx) => {
    const result = ctx.project(project).store.classes.create({ name, colour, shortcut });
    return { ...recorded(ctx, project, result, 1), classLabel: result.classLabel };
  },
  'classes.update': ({ project, classId: id, name, colour, shortcut }, ctx): ClassEdit => {
    const { classes } = ctx.project(project).store;
    const renamed = name === undefined ? null : classes.rename(classId(id), name);
    const updated = colour === undefined && shortcut === undefined ? null : classes.update(classId(id), { colour, shortcut });
    const first = renamed ?? updated ?? { undo: { action: 'update-class' as const, description: 'Change nothing', classes: [], images: [] }, classLabel: classes.get(classId(id)) };
    // One user action, one undo step: the first record holds the class as it was before both changes.
    const undo = renamed && updated ? { ...renamed.undo, description: `Change class ${renamed.undo.classes[0]?.before?.name ?? ''}` } : first.undo;
    if (renamed || updated) ctx.history(project).push(undo);
    return { description: undo.description, changed: renamed || updated ? 1 : 0, classLabel: (updated ?? first).classLabel };
  },
  'classes.reorder': ({ project, classIds }, ctx) => recorded(ctx, project, ctx.project(project).store.classes.reorder(classIds.map(classId)), classIds.length),
  'classes.merge': ({ project, from, into }, ctx) => {
    const result = ctx.project(project).store.classes.merge(classId(from), classId(into));
    return recorded(ctx, project, result, result.relabelled);
  },
  'classes.delete': ({ project, classId: id }, ctx) => {
    const result = ctx.project(project).store.classes.delete(classId(id));
    return recorded(ctx, project, result, result.unlabelled);
  },
};
