import { ApiError } from './api.ts';
import type { I18n } from './i18n/i18n.tsx';

/** What to tell the user about a failed call: the server's own message, or ours when none came back. */
export function errorText(error: unknown, i18n: I18n): string {
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK') return i18n.t('error.network');
    if (error.code === 'BAD_RESPONSE') return i18n.t('error.badResponse', { status: String(error.status) });
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
