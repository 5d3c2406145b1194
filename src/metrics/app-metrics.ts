/**
 * The metrics of one Relais app, in a registry of its own (not prom-client's global one), so that
 * several apps in one process — tests — keep their counts apart. `GET /metrics` serves it.
 */
import { Registry } from 'prom-client';
import type { Store } from '../store/store.ts';
import { DeliveryMetrics } from './delivery-metrics.ts';
import { HttpMetrics } from './http-metrics.ts';
import { OutboxGauges } from './outbox-gauges.ts';
import { addProcessMetrics } from './process-metrics.ts';

export class AppMetrics {
  readonly registry = new Registry();
  /** Requests the HTTP server answered (fed by its onResponse hook). */
  readonly http: HttpMetrics;
  /** Delivery attempts (fed by the worker's onAttempt). */
  readonly delivery: DeliveryMetrics;
  /** The outbox and webhooks by status, read at scrape time. */
  readonly outbox: OutboxGauges;

  constructor(store: Store) {
    addProcessMetrics(this.registry);
    this.http = new HttpMetrics(this.registry);
    this.delivery = new DeliveryMetrics(this.registry);
    this.outbox = new OutboxGauges(this.registry, store);
  }

  /** The text exposition of every metric (the outbox read from the database now). */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
