// Entry of a render worker thread: loads TypeScript through tsx (as bin/relais.js does), then the worker.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
