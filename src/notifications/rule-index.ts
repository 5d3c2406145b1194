import type { HookEvent, WriteAction } from '../documents/hook-bus.ts';
import { documentEventOf, type NotificationEvent } from './events.ts';

/** What the index needs to know of a rule (a Notification document). */
export interface IndexedRule {
  name: string;
  enabled: boolean;
  documentType: string;
  event: NotificationEvent;
  /** For `Method` rules: the hook or trigger name. */
  method?: string | null;
}

/** A rule that matches a hook, with the notification event it matched on. */
export interface RuleMatch<R extends IndexedRule> {
  rule: R;
  event: NotificationEvent;
}

/**
 * Enabled rules by document type and event, so the cost of a document event grows with the rules
 * that can match it, not with all rules: a hook looks up its doctype, then its event (and, for
 * `Method` rules, the hook name) — two map lookups.
 */
export class RuleIndex<R extends IndexedRule> {
  private readonly byDoctype = new Map<string, Map<string, R[]>>();
  private readonly byName = new Map<string, R>();

  constructor(rules: Iterable<R> = []) {
    for (const rule of rules) this.put(rule);
  }

  /** Adds or replaces a rule (by name); a disabled rule is removed from the lookups. */
  put(rule: R): void {
    this.remove(rule.name);
    this.byName.set(rule.name, rule);
    if (!rule.enabled) return;
    const events = this.byDoctype.get(rule.documentType) ?? new Map<string, R[]>();
    this.byDoctype.set(rule.documentType, events);
    const key = keyOf(rule.event, rule.method);
    events.set(key, [...(events.get(key) ?? []), rule]);
  }

  remove(name: string): void {
    const rule = this.byName.get(name);
    if (!rule) return;
    this.byName.delete(name);
    const events = this.byDoctype.get(rule.documentType);
    const key = keyOf(rule.event, rule.method);
    const remaining = (events?.get(key) ?? []).filter((r) => r.name !== name);
    if (remaining.length > 0) events!.set(key, remaining);
    else events?.delete(key);
    if (events && events.size === 0) this.byDoctype.delete(rule.documentType);
  }

  get(name: string): R | undefined {
    return this.byName.get(name);
  }

  /** Enabled rules of `doctype` on `event` (for scheduled and custom events). */
  rulesFor(doctype: string, event: NotificationEvent, method?: string): R[] {
    return this.byDoctype.get(doctype)?.get(keyOf(event, method)) ?? [];
  }

  /** Enabled rules a lifecycle hook fires: its document event's rules, then `Method` rules named after the hook. */
  matchHook(doctype: string, hook: HookEvent, action: WriteAction): Array<RuleMatch<R>> {
    const events = this.byDoctype.get(doctype);
    if (!events) return [];
    const out: Array<RuleMatch<R>> = [];
    const event = documentEventOf(hook, action);
    if (event) for (const rule of events.get(keyOf(event)) ?? []) out.push({ rule, event });
    for (const rule of events.get(keyOf('Method', hook)) ?? []) out.push({ rule, event: 'Method' });
    return out;
  }

  get size(): number {
    return this.byName.size;
  }
}

function keyOf(event: NotificationEvent, method?: string | null): string {
  return event === 'Method' || event === 'Custom' ? `${event}\u0000${method ?? ''}` : event;
}
