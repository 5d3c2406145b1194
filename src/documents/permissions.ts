import { RelaisError } from '../errors/relais-error.ts';
import { term, tr, type Term, type Text } from '../i18n/text.ts';
import type { DocTypeMeta, OwnRowsRule, PermissionType } from './meta.ts';

/** Someone acting on documents: the user and the roles they hold. */
export interface Actor {
  user: string;
  roles: readonly string[];
  /** System writes (install, controllers acting for Relais) skip permission checks. */
  ignorePermissions?: boolean;
}

export const SYSTEM_ACTOR: Actor = { user: 'Administrator', roles: ['Administrator', 'System Manager'], ignorePermissions: true };

/** Administrator and System Manager may do everything; on restricted (core) doctypes, no one else may. */
export function isSystemManager(actor: Actor): boolean {
  return (
    actor.ignorePermissions === true ||
    actor.user === 'Administrator' ||
    actor.roles.includes('System Manager') ||
    actor.roles.includes('Administrator')
  );
}

/** Whether the actor may take `ptype` on documents of `meta`, by the DocType's role permissions. */
export function can(actor: Actor, meta: DocTypeMeta, ptype: PermissionType): boolean {
  if (isSystemManager(actor)) return true;
  if (meta.restricted) return false;
  return meta.permissions.some((p) => (p.role === 'All' || actor.roles.includes(p.role)) && Boolean(p[ptype]));
}

/** What is refused, for each permission: "Not permitted: jane may not read Issue ISS-1". */
const REFUSALS: Record<PermissionType, (user: string, what: Text | Term) => Text> = {
  read: (user, what) => tr`Not permitted: ${user} may not read ${what}`,
  write: (user, what) => tr`Not permitted: ${user} may not write ${what}`,
  create: (user, what) => tr`Not permitted: ${user} may not create ${what}`,
  delete: (user, what) => tr`Not permitted: ${user} may not delete ${what}`,
  submit: (user, what) => tr`Not permitted: ${user} may not submit ${what}`,
  cancel: (user, what) => tr`Not permitted: ${user} may not cancel ${what}`,
};

/** Throws PERMISSION_DENIED unless the actor may take `ptype` on `meta`. */
export function assertCan(actor: Actor, meta: DocTypeMeta, ptype: PermissionType, name?: string): void {
  if (can(actor, meta, ptype)) return;
  const what = name ? tr`${term(meta.name)} ${name}` : term(meta.name);
  throw new RelaisError('PERMISSION_DENIED', REFUSALS[ptype](actor.user, what), {
    doctype: meta.name,
    name,
    permission: ptype,
    user: actor.user,
  });
}

/**
 * The row-level rule that applies to `actor` on `meta`, or undefined when the doctype-wide permissions
 * decide alone. Relais has no per-document permissions (Frappe's `if_owner`, user permissions); this is
 * the smallest general rule the Desk's bell needs: on a doctype declaring `own_rows` (Notification Log),
 * someone who may not read it as a whole still reads the rows addressed to them — lists and counts are
 * narrowed to those, any other row answers DOCUMENT_NOT_FOUND as if it did not exist — and may change
 * only the rule's `writable_fields` on them. Creating and deleting stay System Manager only.
 */
export function ownRowsRule(actor: Actor, meta: DocTypeMeta): OwnRowsRule | undefined {
  if (!meta.own_rows || can(actor, meta, 'read')) return undefined;
  return meta.own_rows;
}
