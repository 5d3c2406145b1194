import { RelaisError } from '../../errors/relais-error.ts';
import { tr } from '../../i18n/text.ts';
import { describe } from './filter-values.ts';

/** Frappe's page length when the client sends none. */
export const DEFAULT_PAGE_LENGTH = 20;

/** Which rows of the result to return; `pageLength` 0 means all of them. */
export interface Paging {
  start: number;
  pageLength: number;
}

/** The paging parameters as received (query string or JSON body). */
export interface PagingParams {
  limit_start?: unknown;
  limit_page_length?: unknown;
  limit?: unknown;
}

/**
 * Reads `limit_start` (default 0) and `limit_page_length`, or its alias `limit` (default 20; 0 means
 * no limit). Throws INVALID_PAGING naming the parameter when a value is not a non-negative integer.
 */
export function parsePaging(params: PagingParams): Paging {
  const start = readCount('limit_start', params.limit_start) ?? 0;
  const pageLength = readCount('limit_page_length', params.limit_page_length) ?? readCount('limit', params.limit) ?? DEFAULT_PAGE_LENGTH;
  return { start, pageLength };
}

function readCount(param: string, raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = typeof raw === 'string' && /^\s*\+?\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RelaisError('INVALID_PAGING', tr`${param} must be a non-negative integer, got ${describe(raw)}`, { param, value: raw });
  }
  return value;
}
