import { sql, type AliasedRawBuilder, type Expression, type OrderByItemBuilder, type SqlBool } from 'kysely';
import type { DialectAdapter } from '../../store/dialect-adapter.ts';
import type { Executor } from '../../store/store.ts';
import { STANDARD_FIELDS, columnClassOfName, tableName, type DocTypeMeta } from '../meta.ts';
import { conditionsExpression } from './compile-filters.ts';
import { parsePaging, type Paging } from './paging.ts';
import { parseFields, type SelectedField } from './parse-fields.ts';
import { parseFilters } from './parse-filters.ts';
import { parseOrderBy, type OrderTerm } from './parse-order-by.ts';

export { conditionsExpression } from './compile-filters.ts';
export { parseFilters, type FilterCondition } from './parse-filters.ts';
export { parseFields, type SelectedField } from './parse-fields.ts';
export { parseOrderBy, defaultOrderBy, type OrderTerm } from './parse-order-by.ts';
export { parsePaging, DEFAULT_PAGE_LENGTH, type Paging } from './paging.ts';

/** Frappe's list parameters, raw from the query string or the JSON body. */
export interface ListParams {
  fields?: unknown;
  filters?: unknown;
  or_filters?: unknown;
  order_by?: unknown;
  limit?: unknown;
  limit_start?: unknown;
  limit_page_length?: unknown;
  as_dict?: unknown;
}

/** A list query once every parameter is parsed and validated against the doctype. */
export interface ParsedListQuery {
  fields: SelectedField[];
  orderBy: OrderTerm[];
  paging: Paging;
  asDict: boolean;
}

/** The doctype's table (`tab<Name>`, spaces and dots included) as a FROM item, quoted by Kysely. */
export function doctypeTable(meta: DocTypeMeta): AliasedRawBuilder<any, any> {
  const table = tableName(meta.name);
  return sql.id(table).as(table);
}

/** Anything with Kysely's `where(expression)`: select, update and delete builders. */
export interface Filterable {
  where(expression: Expression<SqlBool>): unknown;
}

/**
 * Adds Frappe filters to a query: raw `filters` (ANDed) and `or_filters` (ORed as one group, ANDed
 * with the rest), parsed and validated against `meta`. Throws INVALID_FILTER / INVALID_FIELD_NAME.
 */
export function applyConditions<QB extends Filterable>(
  qb: QB,
  adapter: DialectAdapter,
  meta: DocTypeMeta,
  filters: unknown,
  orFilters?: unknown,
): QB {
  const expression = conditionsExpression(
    adapter,
    meta,
    parseFilters(filters, meta, 'filters'),
    parseFilters(orFilters, meta, 'or_filters'),
  );
  return expression ? (qb.where(expression) as unknown as QB) : qb;
}

/** A condition the caller adds whatever the client asked: `field = value` (a row-level permission rule). */
export interface RowScope {
  field: string;
  value: string;
}

function applyScope<QB extends Filterable>(qb: QB, scope: RowScope | undefined): QB {
  return scope ? (qb.where(sql<SqlBool>`${sql.ref(scope.field)} = ${scope.value}`) as unknown as QB) : qb;
}

/** Parses every list parameter except the filters (fields, order_by, paging, as_dict). */
export function parseListParams(meta: DocTypeMeta, params: ListParams): ParsedListQuery {
  return {
    fields: parseFields(params.fields, meta),
    orderBy: parseOrderBy(params.order_by, meta),
    paging: parsePaging(params),
    asDict: parseAsDict(params.as_dict),
  };
}

/** Frappe's `as_dict`: false, 'false', 0 and '0' mean rows as lists; anything else, objects. */
export function parseAsDict(raw: unknown): boolean {
  if (raw === false || raw === 0) return false;
  return !(typeof raw === 'string' && ['false', '0'].includes(raw.trim().toLowerCase()));
}

/**
 * Runs Frappe's get_list on `meta`'s table: objects keyed by field (or alias) by default, lists of
 * values in field order when `as_dict` is false. Validation errors are RelaisErrors.
 */
export async function runListQuery(
  executor: Executor,
  adapter: DialectAdapter,
  meta: DocTypeMeta,
  params: ListParams,
  scope?: RowScope,
): Promise<Record<string, unknown>[] | unknown[][]> {
  const query = parseListParams(meta, params);
  let qb = executor.selectFrom(doctypeTable(meta)).select(distinctSelections(query.fields));
  qb = applyConditions(qb, adapter, meta, params.filters, params.or_filters);
  qb = applyScope(qb, scope);
  for (const term of query.orderBy) {
    qb = qb.orderBy(sql.ref(term.field), (ob) => orderModifier(ob, term));
  }
  const { start, pageLength } = query.paging;
  // A start without a page length still needs a LIMIT on SQLite: use the largest one both accept.
  if (pageLength > 0 || start > 0) qb = qb.limit(pageLength > 0 ? pageLength : Number.MAX_SAFE_INTEGER);
  if (start > 0) qb = qb.offset(start);
  const rows = (await qb.execute()) as Record<string, unknown>[];
  return shapeRows(meta, query, rows);
}

/** Frappe's get_count: how many rows of `meta`'s table match the raw filters and or_filters. */
export async function countDocuments(
  executor: Executor,
  adapter: DialectAdapter,
  meta: DocTypeMeta,
  filters: unknown,
  orFilters?: unknown,
  scope?: RowScope,
): Promise<number> {
  let qb = executor.selectFrom(doctypeTable(meta)).select(sql<number>`count(*)`.as('count'));
  qb = applyConditions(qb, adapter, meta, filters, orFilters);
  qb = applyScope(qb, scope);
  const row = (await qb.executeTakeFirst()) as { count: unknown } | undefined;
  return Number(row?.count ?? 0);
}

/** Columns Relais writes on every document (never NULL), so their NULL placement needs no clause. */
const NEVER_NULL = new Set<string>(STANDARD_FIELDS);

/**
 * Frappe's (MariaDB's) NULL placement: first ascending, last descending. The explicit clause is left
 * out on standard columns, which are never NULL: with it, PostgreSQL cannot read a plain index
 * backwards for `modified desc` and sorts the whole table instead.
 */
function orderModifier(ob: OrderByItemBuilder, term: OrderTerm): OrderByItemBuilder {
  if (NEVER_NULL.has(term.field)) return term.direction === 'asc' ? ob.asc() : ob.desc();
  return term.direction === 'asc' ? ob.asc().nullsFirst() : ob.desc().nullsLast();
}

function distinctSelections(fields: SelectedField[]) {
  const seen = new Set<string>();
  return fields.filter((f) => !seen.has(f.alias) && seen.add(f.alias)).map((f) => sql.ref(f.field).as(f.alias));
}

function shapeRows(meta: DocTypeMeta, query: ParsedListQuery, rows: Record<string, unknown>[]): Record<string, unknown>[] | unknown[][] {
  const numeric = query.fields.filter((f) => columnClassOfName(meta, f.field) !== 'text').map((f) => f.alias);
  for (const row of rows) {
    for (const alias of numeric) {
      const v = row[alias];
      if (typeof v === 'string' || typeof v === 'bigint') row[alias] = Number(v);
    }
  }
  if (query.asDict) return rows;
  return rows.map((row) => query.fields.map((f) => row[f.alias]));
}
