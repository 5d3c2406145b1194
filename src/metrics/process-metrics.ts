/**
 * Node's default metrics (CPU, memory, heap, event loop lag, GC, handles…) with the `relais_` prefix.
 *
 * They describe the process, not an app, and prom-client starts a GC observer and an event-loop delay
 * monitor for each collection that it never stops: so they are collected once per process, in a
 * registry of their own, and the same metric objects are registered in every app's registry.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

let processRegistry: Registry | undefined;

/** Registers the process's default metrics in `registry` (starting their collection on the first call). */
export function addProcessMetrics(registry: Registry): void {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'relais_' });
  }
  for (const { name } of processRegistry.getMetricsAsArray()) {
    const metric = processRegistry.getSingleMetric(name);
    if (metric) registry.registerMetric(metric);
  }
}
