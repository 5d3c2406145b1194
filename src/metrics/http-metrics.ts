/**
 * Requests the HTTP server answered, by method, route pattern (`/api/resource/:doctype`, never the
 * URL itself: names of documents stay out of the labels) and status code.
 */
import { Counter, Histogram, type Registry } from 'prom-client';

/** The route label of a request no route matched (the 404 handler). */
export const UNMATCHED_ROUTE = 'unmatched';

const LABELS = ['method', 'route', 'status_code'] as const;

export class HttpMetrics {
  private readonly requests: Counter<(typeof LABELS)[number]>;
  private readonly duration: Histogram<(typeof LABELS)[number]>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'relais_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code.',
      labelNames: LABELS,
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'relais_http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to answering it, by method, route pattern and status code.',
      labelNames: LABELS,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  /** One answered request; `route` is the route's pattern, undefined when none matched. */
  observe(method: string, route: string | undefined, statusCode: number, seconds: number): void {
    const labels = { method, route: route ?? UNMATCHED_ROUTE, status_code: String(statusCode) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }
}
