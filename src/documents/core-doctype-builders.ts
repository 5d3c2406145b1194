import type { DocField, DocTypeMeta, FieldType } from './meta.ts';

/** A field definition for a doctype written in code. */
export function field(fieldtype: FieldType, fieldname: string, label: string, extra: Partial<DocField> = {}): DocField {
  return { fieldname, label, fieldtype, ...extra };
}

export const checkField = (fieldname: string, label: string, extra: Partial<DocField> = {}) => field('Check', fieldname, label, extra);
export const dataField = (fieldname: string, label: string, extra: Partial<DocField> = {}) => field('Data', fieldname, label, extra);

/** A doctype Relais ships (its definition is code): only System Manager may read or change its documents. */
export function coreDoctype(
  meta: Omit<DocTypeMeta, 'permissions' | 'custom' | 'restricted' | 'module'> & { module?: string },
): DocTypeMeta {
  return { module: 'Core', ...meta, custom: 0, restricted: 1, permissions: [] };
}
