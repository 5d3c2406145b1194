/**
 * The delivery worker's view of Incoming Webhook URLs (delivery/destinations.ts): settings and the
 * unmasked URL, cached for a moment (a burst of messages to one webhook reads it once), forgotten as
 * soon as a webhook is saved in this process; Broken status and counters written back.
 */
import { sql, type Transaction } from 'kysely';
import type { Language, ServiceName } from '../channels/channel-types.ts';
import type { DestinationTally } from '../delivery/delivery-results.ts';
import type { ChatDestination, DestinationDirectory } from '../delivery/destinations.ts';
import { nowDatetime } from '../documents/doc.ts';
import { insertRows } from '../documents/document-rows.ts';
import type { DocumentService } from '../documents/document-service.ts';
import type { HookBus } from '../documents/hook-bus.ts';
import { tableName } from '../documents/meta.ts';
import { hashName } from '../documents/naming.ts';
import { SYSTEM_ACTOR } from '../documents/permissions.ts';
import { term, tr, type Text } from '../i18n/text.ts';
import { WEBHOOK_SYSTEM_WRITE, webhookUrlOf } from './webhook-url-controller.ts';

const DOCTYPE = 'Incoming Webhook URL';
const TABLE = tableName(DOCTYPE);
/** How long a webhook's settings are trusted without reading them again (other processes' edits). */
const CACHE_MS = 2_000;

/** Reads a webhook's signing secret; supplied by the generic webhook's settings when they exist. */
export type SecretReader = (name: string) => Promise<string | null>;

export class WebhookDirectory implements DestinationDirectory {
  private readonly cache = new Map<string, { at: number; value: ChatDestination | undefined }>();
  private held: { at: number; names: string[] } | null = null;

  /**
   * `language`: the site language (RELAIS_LANGUAGE), in which a Broken webhook's `last_error` and the
   * System Managers' bells are written.
   */
  constructor(
    private readonly documents: DocumentService,
    private readonly language: Language,
    private readonly signingSecretOf: SecretReader = async () => null,
  ) {}

  /** Forgets cached settings whenever a webhook is written in this process (once the write commits). */
  register(hooks: HookBus): void {
    const forget = (ctx: { trx: Transaction<any> }) => {
      const clear = () => this.forget();
      this.documents.store.afterCommit(ctx.trx, clear);
      clear();
    };
    for (const event of ['on_update', 'after_delete', 'after_rename'] as const) hooks.on(event, forget, { doctype: DOCTYPE });
  }

  forget(): void {
    this.cache.clear();
    this.held = null;
  }

  private get db() {
    return this.documents.store.db;
  }

  async chatDestination(name: string): Promise<ChatDestination | undefined> {
    const cached = this.cache.get(name);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
    const value = await this.read(name);
    this.cache.set(name, { at: Date.now(), value });
    return value;
  }

  private async read(name: string): Promise<ChatDestination | undefined> {
    const row = await this.db.selectFrom(TABLE).selectAll().where('name', '=', name).executeTakeFirst();
    if (!row) return undefined;
    const url = await webhookUrlOf(this.db, name);
    if (url === undefined) return undefined;
    return {
      name,
      service: String(row.service) as ServiceName,
      url,
      enabled: Number(row.enabled) === 1,
      broken: row.status === 'Broken',
      showDocumentLink: Number(row.show_document_link ?? 1) === 1,
      format: row.message_format === 'Card' ? 'Card' : 'Text',
      threadByDocument: Number(row.thread_by_document ?? 1) === 1,
      ratePerMinute: Number(row.rate_limit_per_minute ?? 0) || 0,
      signingSecret: await this.signingSecretOf(name),
      bodyTemplate: typeof row.body_template === 'string' && row.body_template.trim() ? row.body_template : null,
    };
  }

  async heldDestinations(): Promise<string[]> {
    if (this.held && Date.now() - this.held.at < CACHE_MS) return this.held.names;
    const rows = await this.db
      .selectFrom(TABLE)
      .select('name')
      .where((eb) => eb.or([eb('status', '=', 'Broken'), eb('enabled', '=', 0)]))
      .execute();
    this.held = { at: Date.now(), names: rows.map((r) => String(r.name)) };
    return this.held.names;
  }

  async markBroken(name: string, code: string, message: Text): Promise<void> {
    const changed = await this.setStatus(name, 'Broken', `${message.in(this.language)} [${code}]`);
    if (changed) await this.tellSystemManagers(name, code, message);
  }

  async markWorking(name: string): Promise<void> {
    await this.setStatus(name, 'Active', null);
  }

  /** A real save (its Version records the change); false when the webhook is gone or already so. */
  private async setStatus(name: string, status: 'Active' | 'Broken', lastError: string | null): Promise<boolean> {
    const changed = await this.documents.store.transaction(undefined, async (trx) => {
      const row = await trx.selectFrom(TABLE).select('status').where('name', '=', name).executeTakeFirst();
      if (!row || row.status === status) return false;
      const actor = { ...SYSTEM_ACTOR, trx, flags: { [WEBHOOK_SYSTEM_WRITE]: true } };
      await this.documents.update(DOCTYPE, name, { status, last_error: lastError }, actor);
      return true;
    });
    this.forget();
    return changed;
  }

  /** A bell for every enabled System Manager: the webhook stopped working, its messages wait. */
  private async tellSystemManagers(name: string, code: string, message: Text): Promise<void> {
    const now = nowDatetime();
    const managers = await this.db
      .selectFrom(tableName('Has Role'))
      .innerJoin(tableName('User'), `${tableName('User')}.name`, `${tableName('Has Role')}.parent`)
      .select(`${tableName('Has Role')}.parent as user`)
      .where(`${tableName('Has Role')}.role`, '=', 'System Manager')
      .where(`${tableName('Has Role')}.parenttype`, '=', 'User')
      .where(`${tableName('User')}.enabled`, '=', 1)
      .execute();
    const users = [...new Set(['Administrator', ...managers.map((m) => String(m.user))])];
    const subject = tr`${term(DOCTYPE)} ${name} stopped working: its messages wait until it is fixed`.in(this.language);
    const rows = users.map((forUser) => ({
      name: hashName(),
      owner: 'Administrator',
      creation: now,
      modified: now,
      modified_by: 'Administrator',
      docstatus: 0,
      idx: 0,
      subject,
      for_user: forUser,
      type: 'Alert',
      email_content: `${code}: ${message.in(this.language)}`,
      document_type: DOCTYPE,
      document_name: name,
      from_user: 'Administrator',
      read: 0,
      link: null,
    }));
    await this.documents.store.transaction(undefined, (trx) => insertRows(trx, tableName('Notification Log'), rows));
  }

  async recordTallies(trx: Transaction<any>, tallies: Map<string, DestinationTally>): Promise<void> {
    for (const [name, tally] of tallies) {
      await sql`
        update ${sql.table(TABLE)} set
          sent_count = coalesce(sent_count, 0) + ${tally.sent},
          failed_count = coalesce(failed_count, 0) + ${tally.failed},
          last_sent_at = coalesce(${tally.lastSentAt}, last_sent_at)
        where name = ${name}`.execute(trx);
    }
  }
}
