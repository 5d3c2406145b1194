import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { RelaisError } from '../errors/relais-error.ts';
import { term, tr } from '../i18n/text.ts';
import type { DocTypeMeta } from './meta.ts';

/** The autoname rules Relais understands, as Frappe spells them in DocType.autoname. */
export type AutonameRule =
  { kind: 'hash' } | { kind: 'prompt' } | { kind: 'field'; fieldname: string } | { kind: 'series'; pattern: string };

/** Parses DocType.autoname (empty means `hash`); throws INVALID_DOCTYPE_DEFINITION for what it cannot name with. */
export function parseAutoname(autoname: string | null | undefined): AutonameRule {
  const value = (autoname ?? '').trim();
  if (value === '' || value === 'hash') return { kind: 'hash' };
  if (value === 'prompt' || value === 'Prompt') return { kind: 'prompt' };
  if (value.startsWith('field:')) return { kind: 'field', fieldname: value.slice('field:'.length).trim() };
  const pattern = value.startsWith('naming_series:') ? '' : value;
  if (pattern.includes('#')) return { kind: 'series', pattern };
  throw new RelaisError(
    'INVALID_DOCTYPE_DEFINITION',
    tr`autoname "${value}" is not understood: use hash, prompt, field:<fieldname> or a series like ISS-.#####`,
    { field: 'autoname', value },
  );
}

// Random bytes are drawn in blocks: one system call per 800 names instead of one per name.
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = POOL_SIZE;

/** Frappe's random name: 10 hex characters (40 random bits). */
export function hashName(): string {
  if (poolOffset + 5 > pool.length) {
    pool = crypto.randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  poolOffset += 5;
  return pool.toString('hex', poolOffset - 5, poolOffset);
}

const NAME_FORBIDDEN = /[\u0000-\u001f/\\?#%]/;

/** Checks a user-supplied name: not empty, at most 140 characters, no slashes, ? # % or control characters. */
export function validateName(doctype: string, name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new RelaisError('INVALID_NAME', tr`${term(doctype)}: a name is required`, { doctype, field: 'name' });
  }
  const trimmed = name.trim();
  if (trimmed.length > 140)
    throw new RelaisError('INVALID_NAME', tr`${term(doctype)}: name is longer than 140 characters`, { doctype, field: 'name' });
  if (NAME_FORBIDDEN.test(trimmed)) {
    throw new RelaisError(
      'INVALID_NAME',
      tr`${term(doctype)}: name "${trimmed.slice(0, 60)}" contains a forbidden character (/ \\ ? # % or a control character)`,
      { doctype, field: 'name' },
    );
  }
  return trimmed;
}

/**
 * Expands a naming series such as `ISS-.#####` or `INV-.YYYY.-.MM.-.####` into the next name.
 * The counter is per prefix (the expanded parts before the hashes), incremented atomically in `trx`.
 */
export async function nextSeriesName(trx: Transaction<any>, pattern: string, now: Date, doc: Record<string, unknown>): Promise<string> {
  const parts = pattern.split('.');
  let prefix = '';
  let digits = 0;
  let suffix = '';
  for (const part of parts) {
    if (/^#+$/.test(part)) {
      digits = part.length;
      continue;
    }
    const expanded = expandSeriesPart(part, now, doc);
    if (digits === 0) prefix += expanded;
    else suffix += expanded;
  }
  const result = await sql<{ current: number }>`
    insert into __series (name, current) values (${prefix}, 1)
    on conflict (name) do update set current = __series.current + 1
    returning current`.execute(trx);
  const current = Number(result.rows[0].current);
  return `${prefix}${String(current).padStart(digits, '0')}${suffix}`;
}

function expandSeriesPart(part: string, now: Date, doc: Record<string, unknown>): string {
  const y = String(now.getUTCFullYear());
  const m = String(now.getUTCMonth() + 1).padStart(2, '0');
  const d = String(now.getUTCDate()).padStart(2, '0');
  switch (part) {
    case 'YYYY':
      return y;
    case 'YY':
      return y.slice(2);
    case 'MM':
      return m;
    case 'DD':
      return d;
    default:
      return part.replace(/\{(\w+)\}/g, (_, fieldname: string) => String(doc[fieldname] ?? ''));
  }
}

/** The name a new document gets, following its DocType's autoname rule. */
export async function nameNewDocument(
  trx: Transaction<any>,
  meta: DocTypeMeta,
  doc: Record<string, unknown>,
  requestedName: unknown,
  now: Date,
): Promise<string> {
  const rule = parseAutoname(meta.autoname);
  switch (rule.kind) {
    case 'hash':
      return requestedName !== undefined && requestedName !== null && requestedName !== ''
        ? validateName(meta.name, requestedName)
        : hashName();
    case 'prompt':
      if (requestedName === undefined || requestedName === null || requestedName === '') {
        throw new RelaisError('MANDATORY_MISSING', tr`${term(meta.name)}: a name is required (this document type is named by prompt)`, {
          doctype: meta.name,
          field: 'name',
        });
      }
      return validateName(meta.name, requestedName);
    case 'field': {
      const value = doc[rule.fieldname];
      if (value === undefined || value === null || value === '') {
        throw new RelaisError('MANDATORY_MISSING', tr`${term(meta.name)}: ${rule.fieldname} is required, it names the document`, {
          doctype: meta.name,
          field: rule.fieldname,
        });
      }
      return validateName(meta.name, String(value));
    }
    case 'series':
      return nextSeriesName(trx, rule.pattern, now, doc);
  }
}
