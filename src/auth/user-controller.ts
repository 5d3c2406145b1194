import type { HookBus } from '../documents/hook-bus.ts';
import { RelaisError } from '../errors/relais-error.ts';
import { term, tr } from '../i18n/text.ts';
import { deleteUserSessions } from './sessions.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PROTECTED_USERS = new Set(['Administrator', 'Guest']);

/** User rules: a valid e-mail, a computed full name, Administrator kept enabled, sessions ended with the user. */
export function registerUserController(bus: HookBus): void {
  bus.on(
    'validate',
    (ctx) => {
      const doc = ctx.doc;
      const email = String(doc.email ?? '')
        .trim()
        .toLowerCase();
      if (!EMAIL.test(email)) {
        throw new RelaisError('INVALID_VALUE', tr`${term('User')}: email ${JSON.stringify(doc.email)} is not a valid e-mail address`, {
          doctype: 'User',
          field: 'email',
        });
      }
      doc.email = email;
      doc.full_name = [doc.first_name, doc.last_name].filter((p) => p).join(' ');
      if (PROTECTED_USERS.has(doc.name) && !doc.enabled) {
        throw new RelaisError('PERMISSION_DENIED', tr`${term('User')} ${doc.name} cannot be disabled`, {
          doctype: 'User',
          field: 'enabled',
        });
      }
    },
    { doctype: 'User' },
  );

  bus.on(
    'on_update',
    async (ctx) => {
      if (!ctx.doc.enabled) await deleteUserSessions(ctx.trx, ctx.doc.name);
    },
    { doctype: 'User' },
  );

  bus.on(
    'on_trash',
    async (ctx) => {
      if (PROTECTED_USERS.has(ctx.doc.name)) {
        throw new RelaisError('PERMISSION_DENIED', tr`${term('User')} ${ctx.doc.name} cannot be deleted`, {
          doctype: 'User',
          name: ctx.doc.name,
        });
      }
      await deleteUserSessions(ctx.trx, ctx.doc.name);
    },
    { doctype: 'User' },
  );

  bus.on(
    'before_rename',
    (ctx) => {
      if (PROTECTED_USERS.has(ctx.doc.name)) {
        throw new RelaisError('PERMISSION_DENIED', tr`${term('User')} ${ctx.doc.name} cannot be renamed`, {
          doctype: 'User',
          name: ctx.doc.name,
        });
      }
    },
    { doctype: 'User' },
  );

  bus.on(
    'after_rename',
    async (ctx) => {
      await deleteUserSessions(ctx.trx, String(ctx.docBefore?.name));
    },
    { doctype: 'User' },
  );
}
