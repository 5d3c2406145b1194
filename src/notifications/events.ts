import type { HookEvent, WriteAction } from '../documents/hook-bus.ts';

/** The events a Notification can be sent on (its `event` field, Frappe's names). */
export const NOTIFICATION_EVENTS = [
  'New',
  'Save',
  'Submit',
  'Cancel',
  'Value Change',
  'Days Before',
  'Days After',
  'Minutes Before',
  'Minutes After',
  'Method',
  'Custom',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** Events driven by the scheduler rather than by a write. */
export const DATE_EVENTS: ReadonlySet<NotificationEvent> = new Set(['Days Before', 'Days After', 'Minutes Before', 'Minutes After']);

/**
 * The document event a lifecycle hook stands for (Frappe's `run_notifications` map): `after_insert` is
 * New, `on_update` Save, `on_submit` Submit, `on_cancel` Cancel, and `on_change` Value Change except
 * while inserting or deleting. So creating fires New then Save, submitting fires Save then Submit,
 * cancelling fires Cancel only, an update after submit fires no Save.
 */
export function documentEventOf(hook: HookEvent, action: WriteAction): NotificationEvent | undefined {
  switch (hook) {
    case 'after_insert':
      return 'New';
    case 'on_update':
      return 'Save';
    case 'on_submit':
      return 'Submit';
    case 'on_cancel':
      return 'Cancel';
    case 'on_change':
      return action === 'insert' || action === 'delete' ? undefined : 'Value Change';
    default:
      return undefined;
  }
}
