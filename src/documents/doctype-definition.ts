import { RelaisError } from '../errors/relais-error.ts';
import type { Executor } from '../store/store.ts';
import { coerceFieldValue } from './field-values.ts';
import type { MetaRegistry } from './meta-registry.ts';
import { RESERVED_FIELDNAMES, columnClassOf, findField, type DocField, type DocTypeMeta } from './meta.ts';
import { parseAutoname } from './naming.ts';

const DOCTYPE_NAME = /^[A-Za-z][A-Za-z0-9 _-]{0,60}$/;
const FIELDNAME = /^[a-z][a-z0-9_]{0,59}$/;

function bad(meta: DocTypeMeta, message: string, details: Record<string, unknown>): RelaisError {
  return new RelaisError('INVALID_DOCTYPE_DEFINITION', `DocType ${meta.name}: ${message}`, {
    doctype: 'DocType',
    name: meta.name,
    ...details,
  });
}

function rowOf(meta: DocTypeMeta, field: DocField): number {
  return meta.fields.indexOf(field) + 1;
}

/**
 * Checks a DocType definition before it is saved: a usable name, fieldnames that are identifiers
 * and unique, Link/Table targets that exist, defaults of the field's type, a naming rule that can
 * work. `previous` is the stored definition when changing one: a field may not move to another
 * storage class (its column would have to be retyped).
 */
export async function validateDefinition(
  db: Executor,
  registry: MetaRegistry,
  meta: DocTypeMeta,
  previous: DocTypeMeta | undefined,
): Promise<void> {
  if (!DOCTYPE_NAME.test(meta.name)) {
    throw bad(meta, 'the name must start with a letter and hold only letters, digits, spaces, - and _ (at most 61 characters)', {
      field: 'name',
    });
  }
  if (meta.istable && meta.is_submittable) throw bad(meta, 'a child table cannot be submittable', { field: 'is_submittable' });
  if (previous && Boolean(previous.istable) !== Boolean(meta.istable))
    throw bad(meta, 'istable cannot change once the DocType exists', { field: 'istable' });
  const seen = new Set<string>();
  for (const field of meta.fields) await validateField(db, registry, meta, field, seen, previous);
  validateNaming(meta);
  for (const key of ['title_field', 'sort_field'] as const) {
    const value = meta[key];
    if (value && !findField(meta, value) && !['name', 'modified', 'creation'].includes(value)) {
      throw bad(meta, `${key} "${value}" is not a field of this DocType`, { field: key, value });
    }
  }
}

async function validateField(
  db: Executor,
  registry: MetaRegistry,
  meta: DocTypeMeta,
  field: DocField,
  seen: Set<string>,
  previous?: DocTypeMeta,
): Promise<void> {
  const row = rowOf(meta, field);
  const at = { field: 'fields', row, fieldname: field.fieldname };
  if (!FIELDNAME.test(field.fieldname ?? '')) {
    throw bad(
      meta,
      `fields row ${row}: fieldname "${field.fieldname}" must be lowercase letters, digits and _ and start with a letter`,
      at,
    );
  }
  if (RESERVED_FIELDNAMES.has(field.fieldname)) throw bad(meta, `fields row ${row}: "${field.fieldname}" is a reserved fieldname`, at);
  if (seen.has(field.fieldname)) throw bad(meta, `fields row ${row}: fieldname "${field.fieldname}" appears twice`, at);
  seen.add(field.fieldname);
  if (field.fieldtype === 'Link' || field.fieldtype === 'Table') {
    if (!field.options)
      throw bad(meta, `fields row ${row}: ${field.fieldtype} field "${field.fieldname}" needs options (the target DocType)`, at);
    const target = field.options === meta.name ? meta : await registry.get(db, field.options).catch(() => undefined);
    if (!target)
      throw bad(
        meta,
        `fields row ${row}: ${field.fieldtype} field "${field.fieldname}" points at DocType "${field.options}", which does not exist`,
        at,
      );
    if (field.fieldtype === 'Table' && !target.istable)
      throw bad(
        meta,
        `fields row ${row}: Table field "${field.fieldname}" needs a child DocType (istable), "${field.options}" is not one`,
        at,
      );
    if (field.fieldtype === 'Link' && target.istable)
      throw bad(meta, `fields row ${row}: Link field "${field.fieldname}" cannot point at child table "${field.options}"`, at);
  }
  if (field.fieldtype === 'Table' && meta.istable) throw bad(meta, `fields row ${row}: a child table cannot hold a Table field`, at);
  if (field.unique && columnClassOf(field.fieldtype) === 'none')
    throw bad(meta, `fields row ${row}: a ${field.fieldtype} field cannot be unique`, at);
  if (field.default !== null && field.default !== undefined && field.default !== '' && field.fieldtype !== 'Table') {
    const special =
      (field.fieldtype === 'Date' && /^today$/i.test(field.default)) || (field.fieldtype === 'Datetime' && /^now$/i.test(field.default));
    if (!special) {
      try {
        coerceFieldValue(field, field.default, { doctype: meta.name, fieldname: field.fieldname });
      } catch (err) {
        throw bad(meta, `fields row ${row}: default of "${field.fieldname}" is not valid: ${(err as Error).message}`, at);
      }
    }
  }
  const old = previous ? findField(previous, field.fieldname) : undefined;
  if (old && columnClassOf(old.fieldtype) !== columnClassOf(field.fieldtype)) {
    throw bad(
      meta,
      `fields row ${row}: "${field.fieldname}" cannot change from ${old.fieldtype} to ${field.fieldtype} (stored differently); add a new field instead`,
      at,
    );
  }
}

function validateNaming(meta: DocTypeMeta): void {
  let rule;
  try {
    rule = parseAutoname(meta.autoname);
  } catch (err) {
    throw bad(meta, (err as Error).message, { field: 'autoname', value: meta.autoname });
  }
  if (rule.kind === 'field') {
    const field = findField(meta, rule.fieldname);
    if (!field || columnClassOf(field.fieldtype) === 'none') {
      throw bad(meta, `autoname "${meta.autoname}" names documents by field "${rule.fieldname}", which is not a field of this DocType`, {
        field: 'autoname',
        value: meta.autoname,
      });
    }
  }
}
