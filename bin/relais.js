#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `relais` works straight from `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
