import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { AttemptResult, AttemptVerdict } from '../delivery/delivery-results.ts';
import type { OutboxRow } from '../delivery/outbox-claim.ts';
import { verbatim } from '../i18n/text.ts';
import { DeliveryMetrics } from './delivery-metrics.ts';

function result(channel: string, verdict: AttemptVerdict, extra: Partial<AttemptResult> = {}): AttemptResult {
  const row = { name: 'd1', channel, destination: 'ops-space' } as OutboxRow;
  return { row, startedAt: '2026-01-01 00:00:00.000000', verdict, httpStatus: null, latencyMs: 120, response: null, ...extra };
}

async function values(registry: Registry, name: string) {
  const metric = registry.getSingleMetric(name);
  // A histogram's values name their series (`…_bucket`, `…_sum`, `…_count`); a counter's do not.
  return (await metric!.get()).values.map((v) => ({
    labels: v.labels,
    value: v.value,
    metric: (v as { metricName?: string }).metricName ?? name,
  }));
}

describe('DeliveryMetrics', () => {
  it('labels by channel, service (the channel when there is none) and outcome; a paced send is no attempt', async () => {
    const registry = new Registry();
    const metrics = new DeliveryMetrics(registry);
    const chat = 'External Collaboration Tool';
    metrics.observe(result(chat, { kind: 'sent', remoteId: null }, { service: 'Slack' }));
    metrics.observe(result(chat, { kind: 'sent', remoteId: null }, { service: 'Slack' }));
    metrics.observe(
      result(chat, { kind: 'error', code: 'WEBHOOK_NOT_FOUND', message: verbatim('gone'), retryable: false }, { latencyMs: null }),
    );
    metrics.observe(result('Email', { kind: 'retry', code: 'SMTP_421', message: verbatim('busy'), retryAfterMs: null }));
    metrics.observe(result(chat, { kind: 'deferred', until: new Date() }, { service: 'Slack' }));

    expect(await values(registry, 'relais_delivery_attempts_total')).toEqual([
      { labels: { channel: chat, service: 'Slack', outcome: 'Sent' }, value: 2, metric: 'relais_delivery_attempts_total' },
      { labels: { channel: chat, service: 'unknown', outcome: 'Error' }, value: 1, metric: 'relais_delivery_attempts_total' },
      { labels: { channel: 'Email', service: 'Email', outcome: 'Retry' }, value: 1, metric: 'relais_delivery_attempts_total' },
    ]);
    const counts = (await values(registry, 'relais_delivery_attempt_duration_seconds')).filter((v) => v.metric.endsWith('_count'));
    // The attempt that reached no destination (no latency) is not timed.
    expect(counts.map((v) => [v.labels, v.value])).toEqual([
      [{ channel: chat, service: 'Slack' }, 2],
      [{ channel: 'Email', service: 'Email' }, 1],
    ]);
    const sums = (await values(registry, 'relais_delivery_attempt_duration_seconds')).filter((v) => v.metric.endsWith('_sum'));
    expect(sums.map((v) => v.value)).toEqual([0.24, 0.12]);
  });
});
