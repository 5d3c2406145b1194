import { RelaisError, isRelaisError } from '../errors/relais-error.ts';
import { term, tr, verbatim, type Text } from '../i18n/text.ts';
import type { Executor } from '../store/store.ts';
import { coerceFieldValue, describeRow } from './field-values.ts';
import type { MetaRegistry } from './meta-registry.ts';
import { RESERVED_FIELDNAMES, columnClassOf, findField, type DocField, type DocTypeMeta } from './meta.ts';
import { parseAutoname } from './naming.ts';

const DOCTYPE_NAME = /^[A-Za-z][A-Za-z0-9 _-]{0,60}$/;
const FIELDNAME = /^[a-z][a-z0-9_]{0,59}$/;

function bad(meta: DocTypeMeta, message: Text, details: Record<string, unknown>): RelaisError {
  return new RelaisError('INVALID_DOCTYPE_DEFINITION', tr`DocType ${term(meta.name)}: ${message}`, {
    doctype: 'DocType',
    name: meta.name,
    ...details,
  });
}

function rowOf(meta: DocTypeMeta, field: DocField): number {
  return meta.fields.indexOf(field) + 1;
}

/** What an error says: a RelaisError's own words, or another error's message as it is. */
function reasonOf(err: unknown): Text {
  return isRelaisError(err) ? err.text : verbatim((err as Error).message);
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
    throw bad(meta, tr`the name must start with a letter and hold only letters, digits, spaces, - and _ (at most 61 characters)`, {
      field: 'name',
    });
  }
  if (meta.istable && meta.is_submittable) throw bad(meta, tr`a child table cannot be submittable`, { field: 'is_submittable' });
  if (previous && Boolean(previous.istable) !== Boolean(meta.istable))
    throw bad(meta, tr`istable cannot change once the DocType exists`, { field: 'istable' });
  const seen = new Set<string>();
  for (const field of meta.fields) await validateField(db, registry, meta, field, seen, previous);
  validateNaming(meta);
  for (const key of ['title_field', 'sort_field'] as const) {
    const value = meta[key];
    if (value && !findField(meta, value) && !['name', 'modified', 'creation'].includes(value)) {
      throw bad(meta, tr`${key} "${value}" is not a field of this DocType`, { field: key, value });
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
  const badRow = (reason: Text) => bad(meta, tr`${describeRow('fields', row)}: ${reason}`, at);
  const name = field.fieldname;
  const type = term(field.fieldtype);
  if (!FIELDNAME.test(name ?? '')) {
    throw badRow(tr`fieldname "${name}" must be lowercase letters, digits and _ and start with a letter`);
  }
  if (RESERVED_FIELDNAMES.has(name)) throw badRow(tr`"${name}" is a reserved fieldname`);
  if (seen.has(name)) throw badRow(tr`fieldname "${name}" appears twice`);
  seen.add(name);
  if (field.fieldtype === 'Link' || field.fieldtype === 'Table') {
    if (!field.options) throw badRow(tr`${type} field "${name}" needs options (the target DocType)`);
    const target = field.options === meta.name ? meta : await registry.get(db, field.options).catch(() => undefined);
    if (!target) throw badRow(tr`${type} field "${name}" points at DocType "${field.options}", which does not exist`);
    if (field.fieldtype === 'Table' && !target.istable)
      throw badRow(tr`${type} field "${name}" needs a child DocType (istable), "${field.options}" is not one`);
    if (field.fieldtype === 'Link' && target.istable)
      throw badRow(tr`${type} field "${name}" cannot point at child table "${field.options}"`);
  }
  if (field.fieldtype === 'Table' && meta.istable) throw badRow(tr`a child table cannot hold a ${type} field`);
  if (field.unique && columnClassOf(field.fieldtype) === 'none') throw badRow(tr`a ${type} field cannot be unique`);
  if (field.default !== null && field.default !== undefined && field.default !== '' && field.fieldtype !== 'Table') {
    const special =
      (field.fieldtype === 'Date' && /^today$/i.test(field.default)) || (field.fieldtype === 'Datetime' && /^now$/i.test(field.default));
    if (!special) {
      try {
        coerceFieldValue(field, field.default, { doctype: meta.name, fieldname: field.fieldname });
      } catch (err) {
        throw badRow(tr`default of "${name}" is not valid: ${reasonOf(err)}`);
      }
    }
  }
  const old = previous ? findField(previous, field.fieldname) : undefined;
  if (old && columnClassOf(old.fieldtype) !== columnClassOf(field.fieldtype)) {
    throw badRow(tr`"${name}" cannot change from ${term(old.fieldtype)} to ${type} (stored differently); add a new field instead`);
  }
}

function validateNaming(meta: DocTypeMeta): void {
  let rule;
  try {
    rule = parseAutoname(meta.autoname);
  } catch (err) {
    throw bad(meta, reasonOf(err), { field: 'autoname', value: meta.autoname });
  }
  if (rule.kind === 'field') {
    const field = findField(meta, rule.fieldname);
    if (!field || columnClassOf(field.fieldtype) === 'none') {
      throw bad(meta, tr`autoname "${meta.autoname}" names documents by field "${rule.fieldname}", which is not a field of this DocType`, {
        field: 'autoname',
        value: meta.autoname,
      });
    }
  }
}
