/** Frappe field types Relais stores. `Password` values never reach the document table. */
export const FIELD_TYPES = [
  'Data',
  'Small Text',
  'Text',
  'Long Text',
  'Text Editor',
  'Code',
  'Int',
  'Float',
  'Currency',
  'Percent',
  'Check',
  'Select',
  'Link',
  'Date',
  'Datetime',
  'Time',
  'Table',
  'Attach',
  'JSON',
  'Password',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** How a field type is stored in a column: the dialect maps each class to a SQL type. */
export type ColumnClass = 'text' | 'integer' | 'float' | 'none';

export function columnClassOf(fieldtype: FieldType): ColumnClass {
  switch (fieldtype) {
    case 'Int':
    case 'Check':
      return 'integer';
    case 'Float':
    case 'Currency':
    case 'Percent':
      return 'float';
    case 'Table':
    case 'Password':
      return 'none';
    default:
      return 'text';
  }
}

/** One field of a DocType (a row of its `fields` table, Frappe's DocField). */
export interface DocField {
  fieldname: string;
  label?: string | null;
  fieldtype: FieldType;
  options?: string | null;
  reqd?: number;
  default?: string | null;
  unique?: number;
  read_only?: number;
  in_list_view?: number;
  allow_on_submit?: number;
  search_index?: number;
  hidden?: number;
  description?: string | null;
}

/** Which actions a role may take on a DocType (a row of its `permissions` table, Frappe's DocPerm). */
export interface DocPerm {
  role: string;
  read?: number;
  write?: number;
  create?: number;
  delete?: number;
  submit?: number;
  cancel?: number;
}

export type PermissionType = 'read' | 'write' | 'create' | 'delete' | 'submit' | 'cancel';

/** The definition of a document type, as stored in a DocType document. */
export interface DocTypeMeta {
  name: string;
  module?: string | null;
  is_submittable?: number;
  istable?: number;
  autoname?: string | null;
  title_field?: string | null;
  sort_field?: string | null;
  sort_order?: string | null;
  description?: string | null;
  /** 0 for doctypes Relais ships (their definition is code), 1 for those users create. */
  custom?: number;
  /** Only System Manager (and Administrator) may read or change documents of this type. */
  restricted?: number;
  /**
   * Row-level access on a restricted doctype for users who are not System Managers: they may read the
   * rows whose `user_field` names them, and change only `writable_fields` on those (see permissions.ts).
   */
  own_rows?: OwnRowsRule;
  fields: DocField[];
  permissions: DocPerm[];
}

/** Which rows of a doctype belong to a user, and what they may change on them. */
export interface OwnRowsRule {
  user_field: string;
  writable_fields: readonly string[];
}

/** Fields every document row has, whatever its type. */
export const STANDARD_FIELDS = ['name', 'owner', 'creation', 'modified', 'modified_by', 'docstatus', 'idx'] as const;
/** Fields every child row has besides the standard ones. */
export const CHILD_FIELDS = ['parent', 'parenttype', 'parentfield'] as const;

/** Fieldnames a user-defined field may not take. */
export const RESERVED_FIELDNAMES = new Set<string>([...STANDARD_FIELDS, ...CHILD_FIELDS, 'doctype', 'fields', 'docfield', 'parent_doc']);

/** The SQL table of a doctype, Frappe-style (`tabSales Invoice`). */
export function tableName(doctype: string): string {
  return `tab${doctype}`;
}

/** Fields stored in a column of the doctype's own table. */
export function columnFields(meta: DocTypeMeta): DocField[] {
  return meta.fields.filter((f) => columnClassOf(f.fieldtype) !== 'none');
}

export function tableFields(meta: DocTypeMeta): DocField[] {
  return meta.fields.filter((f) => f.fieldtype === 'Table');
}

export function findField(meta: DocTypeMeta, fieldname: string): DocField | undefined {
  return meta.fields.find((f) => f.fieldname === fieldname);
}

/** True when `fieldname` is a stored column of the doctype (standard or its own). */
export function isColumn(meta: DocTypeMeta, fieldname: string): boolean {
  if ((STANDARD_FIELDS as readonly string[]).includes(fieldname)) return true;
  if (meta.istable && (CHILD_FIELDS as readonly string[]).includes(fieldname)) return true;
  const field = findField(meta, fieldname);
  return field !== undefined && columnClassOf(field.fieldtype) !== 'none';
}

/** Column class of any stored column, standard ones included. */
export function columnClassOfName(meta: DocTypeMeta, fieldname: string): ColumnClass {
  if (fieldname === 'docstatus' || fieldname === 'idx') return 'integer';
  const field = findField(meta, fieldname);
  return field ? columnClassOf(field.fieldtype) : 'text';
}
