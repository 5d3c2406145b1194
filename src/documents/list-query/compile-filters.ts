import { expressionBuilder, sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { DialectAdapter } from '../../store/dialect-adapter.ts';
import { columnClassOfName, type DocTypeMeta } from '../meta.ts';
import type { FilterCondition, FilterScalar } from './filter-values.ts';

type Bool = Expression<SqlBool>;

/**
 * Compiles `filters` (ANDed) and `orFilters` (ORed, the group ANDed with the rest) into one WHERE
 * expression, or undefined when there is nothing to filter on. NULL handling follows Frappe on
 * MariaDB: a NULL text column compares as '' and a NULL numeric column as 0, except for `=`/`like`
 * with a non-empty value and `in` without an empty member, which Frappe leaves unwrapped.
 */
export function conditionsExpression(
  adapter: DialectAdapter,
  meta: DocTypeMeta,
  filters: FilterCondition[],
  orFilters: FilterCondition[] = [],
): Bool | undefined {
  const eb = expressionBuilder<any, any>();
  const parts = filters.map((f) => conditionExpression(adapter, meta, f));
  if (orFilters.length > 0) parts.push(eb.or(orFilters.map((f) => conditionExpression(adapter, meta, f))));
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : eb.and(parts);
}

/** Compiles one validated condition to a boolean SQL expression on the doctype's table. */
export function conditionExpression(adapter: DialectAdapter, meta: DocTypeMeta, f: FilterCondition): Bool {
  const cls = columnClassOfName(meta, f.field);
  const numeric = cls === 'integer' || cls === 'float';
  const column = sql.ref(f.field);
  const empty: FilterScalar = numeric ? 0 : '';
  const orEmpty = sql`coalesce(${column}, ${sql.lit(empty)})`;
  const param = (v: FilterScalar) =>
    cls === 'integer' && !Number.isInteger(v) ? sql`cast(${v} as ${sql.raw(adapter.columnType('float'))})` : sql`${v}`;
  switch (f.operator) {
    case '=':
      return sql<SqlBool>`${f.value === empty ? orEmpty : column} = ${param(f.value)}`;
    case '!=':
      return sql<SqlBool>`${orEmpty} <> ${param(f.value)}`;
    case '>':
    case '<':
    case '>=':
    case '<=':
      return sql<SqlBool>`${orEmpty} ${sql.raw(f.operator)} ${param(f.value)}`;
    case 'like':
    case 'not like':
      return likeExpression(adapter, f.operator, likeOperand(adapter, numeric, f.value, column, orEmpty, f.operator), f.value);
    case 'in':
      return sql<SqlBool>`${f.value.includes(empty) ? orEmpty : column} in (${sql.join(f.value.map(param))})`;
    case 'not in':
      return sql<SqlBool>`${orEmpty} not in (${sql.join(f.value.map(param))})`;
    case 'between':
      return sql<SqlBool>`${orEmpty} between ${param(f.value[0])} and ${param(f.value[1])}`;
    case 'is':
      return isExpression(numeric, f.value, column, orEmpty);
  }
}

/** The left side of a LIKE: numeric columns compare as text, as on MariaDB. */
function likeOperand(
  adapter: DialectAdapter,
  numeric: boolean,
  value: FilterScalar,
  column: RawBuilder<unknown>,
  orEmpty: RawBuilder<unknown>,
  op: string,
): RawBuilder<unknown> {
  if (numeric) return sql`cast(${orEmpty} as ${sql.raw(adapter.columnType('text'))})`;
  return op === 'like' && value !== '' ? column : orEmpty;
}

/** A case-insensitive LIKE; backslash escapes `%` and `_`, as on MariaDB. */
function likeExpression(adapter: DialectAdapter, op: 'like' | 'not like', left: RawBuilder<unknown>, value: FilterScalar): Bool {
  const like = sql.raw(adapter.caseInsensitiveLike);
  const not = op === 'not like' ? sql.raw('not ') : sql.raw('');
  return sql<SqlBool>`${left} ${not}${like} ${String(value)} escape ${sql.lit('\\')}`;
}

/** `is set`: a value other than NULL and '' (numeric: other than NULL and 0, as Frappe's `!= ''`). */
function isExpression(numeric: boolean, value: 'set' | 'not set', column: RawBuilder<unknown>, orEmpty: RawBuilder<unknown>): Bool {
  if (numeric) return sql<SqlBool>`${orEmpty} ${sql.raw(value === 'set' ? '<>' : '=')} 0`;
  if (value === 'set') return sql<SqlBool>`(${column} is not null and ${column} <> '')`;
  return sql<SqlBool>`(${column} is null or ${column} = '')`;
}
