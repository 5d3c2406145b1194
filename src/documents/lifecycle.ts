import { RelaisError } from '../errors/relais-error.ts';
import { term, tr } from '../i18n/text.ts';
import type { HookEvent, WriteAction } from './hook-bus.ts';
import type { DocTypeMeta, PermissionType } from './meta.ts';

/** Hooks run before the row is written, and after, for each action (Frappe's order; see hook-bus.ts). */
export const HOOKS_BEFORE: Record<WriteAction, HookEvent[]> = {
  insert: ['validate', 'before_save'],
  save: ['validate', 'before_save'],
  submit: ['validate', 'before_submit'],
  cancel: ['before_cancel'],
  update_after_submit: ['before_update_after_submit'],
  delete: ['on_trash'],
  rename: ['before_rename'],
};

export const HOOKS_AFTER: Record<WriteAction, HookEvent[]> = {
  insert: ['after_insert', 'on_update', 'on_change'],
  save: ['on_update', 'on_change'],
  submit: ['on_update', 'on_submit', 'on_change'],
  cancel: ['on_cancel', 'on_change'],
  update_after_submit: ['on_update_after_submit', 'on_change'],
  delete: ['after_delete'],
  rename: ['after_rename'],
};

/** Hooks of an insert with docstatus 1 (submitted on creation). */
export const INSERT_SUBMITTED_BEFORE: HookEvent[] = ['validate', 'before_submit'];
export const INSERT_SUBMITTED_AFTER: HookEvent[] = ['after_insert', 'on_update', 'on_submit', 'on_change'];

/** The permission an action needs besides `read`. */
export const ACTION_PERMISSION: Record<WriteAction, PermissionType> = {
  insert: 'create',
  save: 'write',
  submit: 'submit',
  cancel: 'cancel',
  update_after_submit: 'write',
  delete: 'delete',
  rename: 'write',
};

/** Reads a docstatus sent by a client: 0, 1 or 2 (numbers or numeric strings). */
export function parseDocstatus(doctype: string, value: unknown): 0 | 1 | 2 {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (n === 0 || n === 1 || n === 2) return n;
  throw new RelaisError(
    'INVALID_DOCSTATUS',
    tr`${term(doctype)}: docstatus must be 0 (draft), 1 (submitted) or 2 (cancelled), got ${JSON.stringify(value)}`,
    {
      doctype,
      field: 'docstatus',
      value,
    },
  );
}

/**
 * What a save does, from the stored docstatus and the one requested (Frappe's
 * `check_docstatus_transition`): draft→draft save, draft→submitted submit, submitted→submitted
 * update after submit, submitted→cancelled cancel. Anything else is refused.
 */
export function actionForTransition(meta: DocTypeMeta, name: string, from: number, to: 0 | 1 | 2): WriteAction {
  const details = { doctype: meta.name, name, field: 'docstatus', from, to };
  if (from === 2) {
    throw new RelaisError(
      'DOCUMENT_CANCELLED',
      tr`${term(meta.name)} ${name} is cancelled: a cancelled document cannot be changed`,
      details,
    );
  }
  if (to !== 0 && !meta.is_submittable) {
    throw new RelaisError('NOT_SUBMITTABLE', tr`${term(meta.name)} is not submittable: docstatus must stay 0`, details);
  }
  if (from === 0 && to === 0) return 'save';
  if (from === 0 && to === 1) return 'submit';
  if (from === 1 && to === 1) return 'update_after_submit';
  if (from === 1 && to === 2) return 'cancel';
  const message =
    from === 0
      ? tr`${term(meta.name)} ${name}: a draft cannot be cancelled, submit it first`
      : tr`${term(meta.name)} ${name}: a submitted document cannot go back to draft, cancel it instead`;
  throw new RelaisError('INVALID_DOCSTATUS', message, details);
}
