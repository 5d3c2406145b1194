import { describe, expect, it } from 'vitest';
import { HOOKS_AFTER, HOOKS_BEFORE, INSERT_SUBMITTED_AFTER, INSERT_SUBMITTED_BEFORE } from '../documents/lifecycle.ts';
import type { HookEvent, WriteAction } from '../documents/hook-bus.ts';
import { documentEventOf } from './events.ts';

/** The notification events one write produces, in order, from the hooks the document layer runs. */
function eventsOf(action: WriteAction, hooks: readonly HookEvent[]): string[] {
  return hooks.map((hook) => documentEventOf(hook, action)).filter((e): e is NonNullable<typeof e> => e !== undefined);
}

describe('document events per write (Frappe semantics)', () => {
  it.each<[string, WriteAction, readonly HookEvent[], string[]]>([
    ['insert', 'insert', [...HOOKS_BEFORE.insert, ...HOOKS_AFTER.insert], ['New', 'Save']],
    ['insert submitted', 'insert', [...INSERT_SUBMITTED_BEFORE, ...INSERT_SUBMITTED_AFTER], ['New', 'Save', 'Submit']],
    ['save', 'save', [...HOOKS_BEFORE.save, ...HOOKS_AFTER.save], ['Save', 'Value Change']],
    ['submit', 'submit', [...HOOKS_BEFORE.submit, ...HOOKS_AFTER.submit], ['Save', 'Submit', 'Value Change']],
    ['cancel', 'cancel', [...HOOKS_BEFORE.cancel, ...HOOKS_AFTER.cancel], ['Cancel', 'Value Change']],
    [
      'update after submit',
      'update_after_submit',
      [...HOOKS_BEFORE.update_after_submit, ...HOOKS_AFTER.update_after_submit],
      ['Value Change'],
    ],
    ['delete', 'delete', [...HOOKS_BEFORE.delete, ...HOOKS_AFTER.delete], []],
  ])('%s fires %j', (_label, action, hooks, expected) => {
    expect(eventsOf(action, hooks)).toEqual(expected);
  });
});
