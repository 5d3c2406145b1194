import type { DocField, DocTypeMeta } from '../documents/meta.ts';

/** Finds the meta of a child doctype named in a Table field's options. */
export type ChildMetaLookup = (doctype: string) => DocTypeMeta | undefined;

function sampleValue(field: DocField, today: string, childMeta: ChildMetaLookup | undefined): unknown {
  switch (field.fieldtype) {
    case 'Int':
    case 'Check':
      return 1;
    case 'Float':
    case 'Currency':
    case 'Percent':
      return 1.5;
    case 'Date':
      return today;
    case 'Datetime':
      return `${today} 09:30:00`;
    case 'Time':
      return '09:30:00';
    case 'Select':
      return (field.options ?? '').split('\n').find((o) => o.trim() !== '') ?? 'Sample';
    case 'Link':
      return `Sample ${field.options ?? field.fieldname}`;
    case 'JSON':
      return { sample: 1 };
    case 'Table': {
      const meta = field.options ? childMeta?.(field.options) : undefined;
      const row = meta ? sampleDocument(meta, today, childMeta) : { doctype: field.options ?? '', name: 'sample-row' };
      return [{ ...row, parent: 'SAMPLE-0001', parentfield: field.fieldname, idx: 1 }];
    }
    default:
      return `Sample ${field.label || field.fieldname}`;
  }
}

/**
 * A document of `meta` whose every field holds a non-empty value of its type (today's date for dates),
 * used to check conditions: `doc.total > 100` must not fail just because a blank document's total is empty.
 */
export function sampleDocument(meta: DocTypeMeta, today: string, childMeta?: ChildMetaLookup): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    doctype: meta.name,
    name: 'SAMPLE-0001',
    owner: 'Administrator',
    creation: `${today} 09:00:00.000000`,
    modified: `${today} 09:30:00.000000`,
    modified_by: 'Administrator',
    docstatus: 0,
    idx: 0,
  };
  if (meta.istable) Object.assign(doc, { parent: 'SAMPLE-0001', parenttype: 'Sample', parentfield: 'items' });
  for (const field of meta.fields) {
    if (field.fieldtype === 'Password') continue;
    doc[field.fieldname] = sampleValue(field, today, childMeta);
  }
  return doc;
}
