/**
 * SMS deliveries through the HTTP gateway of SMS Settings (Frappe's): one request per phone number
 * (the delivery's destination), through the same guarded HTTP sender as webhooks. Without SMS
 * Settings the channel is held: its deliveries wait.
 */
import { buildSmsRequest, classifySmsAnswer, type SmsSettings } from '../channels/sms/sms.ts';
import { nowDatetime } from '../documents/doc.ts';
import { term, tr, type Text } from '../i18n/text.ts';
import type { AttemptResult, AttemptVerdict } from './delivery-results.ts';
import type { ChannelSender } from './delivery-service.ts';
import type { HttpSender } from './http-sender.ts';
import type { OutboxRow } from './outbox-claim.ts';
import { noAnswerVerdict } from './chat-dispatch.ts';
import { ChannelHold } from './channel-hold.ts';

const NOT_CONFIGURED = tr`no SMS gateway is configured (${term('SMS Settings')})`;

/** How long SMS Settings are trusted before being read again (an edit in another process). */
const SETTINGS_CACHE_MS = 2_000;

export class SmsChannel implements ChannelSender {
  private cached: { at: number; settings: SmsSettings | null } | null = null;
  private readonly hold = new ChannelHold();

  constructor(
    private readonly http: HttpSender,
    private readonly loadSettings: () => Promise<SmsSettings | null>,
  ) {}

  /** Forgets the cached settings (SMS Settings were saved). */
  forget(): void {
    this.cached = null;
    this.hold.release();
  }

  private async settings(): Promise<SmsSettings | null> {
    if (this.cached && Date.now() - this.cached.at < SETTINGS_CACHE_MS) return this.cached.settings;
    this.cached = { at: Date.now(), settings: await this.loadSettings() };
    return this.cached.settings;
  }

  async unavailable(): Promise<Text | null> {
    return (await this.settings()) ? this.hold.current() : NOT_CONFIGURED;
  }

  async attempt(row: OutboxRow): Promise<AttemptResult> {
    const startedAt = nowDatetime();
    const settings = await this.settings();
    const done = (verdict: AttemptVerdict, extra: Partial<AttemptResult> = {}): AttemptResult => ({
      row,
      startedAt,
      verdict,
      httpStatus: null,
      latencyMs: null,
      response: null,
      ...extra,
    });
    if (!settings) return done({ kind: 'broken', code: 'SMS_NOT_CONFIGURED', message: NOT_CONFIGURED });
    const result = await this.send(settings, row, done);
    if (result.verdict.kind === 'broken') this.hold.hold(result.verdict.message);
    return result;
  }

  private async send(settings: SmsSettings, row: OutboxRow, done: (v: AttemptVerdict, extra?: Partial<AttemptResult>) => AttemptResult) {
    const built = buildSmsRequest(settings, row.destination, row.message ?? '');
    if (!built.ok) return done(built.outcome);
    const result = await this.http.send(built.request);
    if (result.kind === 'failure') {
      return done(noAnswerVerdict(result), { latencyMs: result.latencyMs });
    }
    const { answer } = result;
    return done(classifySmsAnswer(answer), { httpStatus: answer.status, latencyMs: result.latencyMs, response: answer.body });
  }
}
