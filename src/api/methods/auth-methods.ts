import type { FastifyReply } from 'fastify';
import { RelaisError } from '../../errors/relais-error.ts';
import { term, tr } from '../../i18n/text.ts';
import { setApiKeys } from '../../auth/api-keys.ts';
import { isSystemManager } from '../../documents/permissions.ts';
import { RawBody, type MethodDefinition } from './method.ts';
import { textArg } from '../request-args.ts';

const COOKIE = { path: '/', httpOnly: true, sameSite: 'lax' as const };

function clearSessionCookies(reply: FastifyReply): void {
  for (const name of ['sid', 'full_name', 'user_id', 'system_user', 'user_image']) reply.clearCookie(name, { path: '/' });
}

/** Login, logout, who am I, and API key generation (Frappe's method names). */
export const AUTH_METHODS: Record<string, MethodDefinition> = {
  login: {
    public: true,
    async handler({ args, app, reply }) {
      const { user, fullName, sid } = await app.auth.login(args.usr, args.pwd);
      const secure = app.config.siteUrl.startsWith('https:');
      reply.setCookie('sid', sid, { ...COOKIE, secure, maxAge: 10 * 24 * 3600 });
      // Frappe also sets these readable cookies; Frappe front ends read them.
      for (const [name, value] of [
        ['system_user', 'yes'],
        ['full_name', fullName],
        ['user_id', user],
        ['user_image', ''],
      ]) {
        reply.setCookie(name, value, { path: '/', sameSite: 'lax', secure });
      }
      return new RawBody({ message: 'Logged In', home_page: '/app', full_name: fullName });
    },
  },
  logout: {
    public: true,
    async handler({ app, request, reply }) {
      await app.auth.logout(request.cookies.sid);
      clearSessionCookies(reply);
      return new RawBody({});
    },
  },
  'frappe.auth.get_logged_user': {
    handler: ({ request }) => request.actor.user,
  },
  'frappe.core.doctype.user.user.generate_keys': {
    async handler({ args, app, request }) {
      const user = textArg(args, 'user');
      if (!isSystemManager(request.actor) && request.actor.user !== user) {
        throw new RelaisError('PERMISSION_DENIED', tr`Not permitted: only a ${term('System Manager')} may generate keys for ${user}`, {
          user,
        });
      }
      return setApiKeys(app.documents, user);
    },
  },
  ping: { public: true, handler: () => 'pong' },
};
