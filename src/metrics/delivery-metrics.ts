/**
 * The delivery worker's attempts, told by its `onAttempt` callback once each outcome is recorded:
 * counted by channel, service and outcome, and timed. Labels never name a webhook or a document.
 */
import { Counter, Histogram, type Registry } from 'prom-client';
import { OUTCOME_OF, type AttemptResult } from '../delivery/delivery-results.ts';

/** The service label of a chat delivery whose webhook no longer exists. */
export const UNKNOWN_SERVICE = 'unknown';

const CHAT_CHANNEL = 'External Collaboration Tool';

export class DeliveryMetrics {
  private readonly attempts: Counter<'channel' | 'service' | 'outcome'>;
  private readonly latency: Histogram<'channel' | 'service'>;

  constructor(registry: Registry) {
    this.attempts = new Counter({
      name: 'relais_delivery_attempts_total',
      help: 'Delivery attempts recorded, by channel, service (the chat service, else the channel) and outcome (Sent, Retry, Broken, Rejected, Error).',
      labelNames: ['channel', 'service', 'outcome'],
      registers: [registry],
    });
    this.latency = new Histogram({
      name: 'relais_delivery_attempt_duration_seconds',
      help: 'Time a delivery attempt waited for the destination (HTTP or SMTP), by channel and service; attempts that sent nothing are left out.',
      labelNames: ['channel', 'service'],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
  }

  /** One recorded attempt (the worker's `onAttempt`); a send put back for pacing is not an attempt. */
  observe(result: AttemptResult): void {
    const { verdict, row } = result;
    if (verdict.kind === 'deferred') return;
    const channel = row.channel;
    const service = result.service ?? (channel === CHAT_CHANNEL ? UNKNOWN_SERVICE : channel);
    this.attempts.inc({ channel, service, outcome: OUTCOME_OF[verdict.kind] });
    if (result.latencyMs !== null) this.latency.observe({ channel, service }, result.latencyMs / 1000);
  }
}
