import { RelaisError } from '../errors/relais-error.ts';
import type { Executor } from '../store/store.ts';
import type { Doc } from './doc.ts';
import { documentExists } from './document-rows.ts';
import { term, tr, type Term, type Text } from '../i18n/text.ts';
import { coerceFieldValue, describeRow, isEmptyValue, type FieldLocation } from './field-values.ts';
import type { MetaRegistry } from './meta-registry.ts';
import { tableFields, type DocTypeMeta } from './meta.ts';

type Row = Record<string, unknown>;

interface Located {
  row: Row;
  meta: DocTypeMeta;
  loc: (fieldname: string) => FieldLocation;
}

/** A field by its label, behind its row when it sits in a child table: `items row 2: Quantity`. */
function fieldPlace(where: FieldLocation, label: string): Text | Term {
  return where.row !== undefined ? tr`${describeRow(where.tablefield, where.row)}: ${term(label)}` : term(label);
}

function everyRow(meta: DocTypeMeta, childMetas: Map<string, DocTypeMeta>, doc: Doc): Located[] {
  const out: Located[] = [{ row: doc, meta, loc: (fieldname) => ({ doctype: meta.name, fieldname }) }];
  for (const tf of tableFields(meta)) {
    const childMeta = childMetas.get(tf.fieldname)!;
    ((doc[tf.fieldname] as Row[] | undefined) ?? []).forEach((row, i) => {
      out.push({ row, meta: childMeta, loc: (fieldname) => ({ doctype: meta.name, fieldname, row: i + 1, tablefield: tf.fieldname }) });
    });
  }
  return out;
}

/**
 * The checks that run on the final document, after `validate` / `before_save` hooks may have changed
 * it: every value has its field's type, mandatory fields are set, Link fields point at documents that
 * exist. Throws the first problem found, naming the field (and row).
 */
export async function validateDocument(
  db: Executor,
  registry: MetaRegistry,
  meta: DocTypeMeta,
  childMetas: Map<string, DocTypeMeta>,
  doc: Doc,
): Promise<void> {
  const located = everyRow(meta, childMetas, doc);
  for (const { row, meta: rowMeta, loc } of located) {
    for (const field of rowMeta.fields) {
      if (field.fieldtype === 'Table' || field.fieldtype === 'Password') continue;
      row[field.fieldname] = coerceFieldValue(field, row[field.fieldname], loc(field.fieldname));
    }
  }
  for (const { row, meta: rowMeta, loc } of located) {
    for (const field of rowMeta.fields) {
      if (!field.reqd || field.fieldtype === 'Password' || !isEmptyValue(field, row[field.fieldname])) continue;
      const where = loc(field.fieldname);
      const place = fieldPlace(where, field.label || field.fieldname);
      throw new RelaisError('MANDATORY_MISSING', tr`Error: Value missing for ${term(meta.name)}: ${place}`, {
        doctype: meta.name,
        field: field.fieldname,
        row: where.row,
        tablefield: where.tablefield,
      });
    }
  }
  for (const { row, meta: rowMeta, loc } of located) {
    for (const field of rowMeta.fields) {
      const value = row[field.fieldname];
      if (field.fieldtype !== 'Link' || isEmptyValue(field, value)) continue;
      const target = await registry.get(db, field.options ?? '');
      if (await documentExists(db, target.name, String(value))) continue;
      const where = loc(field.fieldname);
      const place = fieldPlace(where, field.label || field.fieldname);
      throw new RelaisError(
        'LINK_NOT_FOUND',
        tr`${term(meta.name)}: ${place}: could not find ${term(target.name)} ${JSON.stringify(value)}`,
        {
          doctype: meta.name,
          field: field.fieldname,
          row: where.row,
          tablefield: where.tablefield,
          link_doctype: target.name,
          value,
        },
      );
    }
  }
}
