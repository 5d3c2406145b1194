/** French for the sentences of src/metrics/ (keys: the English `tr` templates). */
export const metricsFr: Record<string, string> = {
  // metrics-routes.ts: `GET /metrics` refused (in 'Only a {0} may {1}')
  'read the metrics': 'lire les métriques',
};
