import { checkField as check, coreDoctype as core, dataField as data } from './core-doctype-builders.ts';
import { FIELD_TYPES, type DocTypeMeta } from './meta.ts';

export const DOCFIELD: DocTypeMeta = core({
  name: 'DocField',
  istable: 1,
  fields: [
    data('fieldname', 'Fieldname', { reqd: 1, in_list_view: 1 }),
    data('label', 'Label', { in_list_view: 1 }),
    {
      fieldname: 'fieldtype',
      label: 'Type',
      fieldtype: 'Select',
      options: FIELD_TYPES.join('\n'),
      default: 'Data',
      reqd: 1,
      in_list_view: 1,
    },
    { fieldname: 'options', label: 'Options', fieldtype: 'Small Text' },
    check('reqd', 'Mandatory'),
    { fieldname: 'default', label: 'Default', fieldtype: 'Small Text' },
    check('unique', 'Unique'),
    check('read_only', 'Read Only'),
    check('in_list_view', 'In List View'),
    check('allow_on_submit', 'Allow on Submit'),
    check('search_index', 'Index'),
    check('hidden', 'Hidden'),
    { fieldname: 'description', label: 'Description', fieldtype: 'Small Text' },
  ],
});

export const DOCPERM: DocTypeMeta = core({
  name: 'DocPerm',
  istable: 1,
  fields: [
    { fieldname: 'role', label: 'Role', fieldtype: 'Link', options: 'Role', reqd: 1, in_list_view: 1 },
    check('read', 'Read', { default: '1' }),
    check('write', 'Write'),
    check('create', 'Create'),
    check('delete', 'Delete'),
    check('submit', 'Submit'),
    check('cancel', 'Cancel'),
  ],
});

export const DOCTYPE: DocTypeMeta = core({
  name: 'DocType',
  autoname: 'prompt',
  fields: [
    data('module', 'Module', { default: 'Custom', in_list_view: 1 }),
    check('is_submittable', 'Is Submittable'),
    check('istable', 'Is Child Table'),
    data('autoname', 'Auto Name'),
    data('title_field', 'Title Field'),
    data('sort_field', 'Sort Field'),
    { fieldname: 'sort_order', label: 'Sort Order', fieldtype: 'Select', options: 'ASC\nDESC' },
    { fieldname: 'description', label: 'Description', fieldtype: 'Small Text' },
    check('custom', 'Custom', { read_only: 1, default: '1' }),
    check('restricted', 'Restricted to System Manager'),
    { fieldname: 'fields', label: 'Fields', fieldtype: 'Table', options: 'DocField' },
    { fieldname: 'permissions', label: 'Permissions', fieldtype: 'Table', options: 'DocPerm' },
  ],
});

export const ROLE: DocTypeMeta = core({
  name: 'Role',
  autoname: 'field:role_name',
  fields: [
    data('role_name', 'Role Name', { reqd: 1, unique: 1, in_list_view: 1 }),
    check('desk_access', 'Desk Access', { default: '1' }),
    check('disabled', 'Disabled'),
  ],
});

export const HAS_ROLE: DocTypeMeta = core({
  name: 'Has Role',
  istable: 1,
  fields: [{ fieldname: 'role', label: 'Role', fieldtype: 'Link', options: 'Role', reqd: 1, in_list_view: 1 }],
});

export const USER: DocTypeMeta = core({
  name: 'User',
  autoname: 'field:email',
  title_field: 'full_name',
  fields: [
    data('email', 'Email', { reqd: 1, unique: 1, in_list_view: 1 }),
    data('first_name', 'First Name', { reqd: 1 }),
    data('last_name', 'Last Name'),
    data('full_name', 'Full Name', { read_only: 1, in_list_view: 1 }),
    check('enabled', 'Enabled', { default: '1', in_list_view: 1 }),
    { fieldname: 'user_type', label: 'User Type', fieldtype: 'Select', options: 'System User\nWebsite User', default: 'System User' },
    data('language', 'Language', { default: 'en' }),
    data('time_zone', 'Time Zone'),
    { fieldname: 'roles', label: 'Roles', fieldtype: 'Table', options: 'Has Role' },
    data('api_key', 'API Key', { read_only: 1, search_index: 1 }),
    { fieldname: 'new_password', label: 'Set New Password', fieldtype: 'Password' },
  ],
});

export const VERSION: DocTypeMeta = core({
  name: 'Version',
  fields: [
    { fieldname: 'ref_doctype', label: 'Document Type', fieldtype: 'Link', options: 'DocType', in_list_view: 1 },
    data('docname', 'Document Name', { in_list_view: 1, search_index: 1 }),
    { fieldname: 'data', label: 'Data', fieldtype: 'Code' },
  ],
});

/** Core doctypes in install order (a child table before the doctype that holds it). */
export const CORE_DOCTYPES: DocTypeMeta[] = [DOCFIELD, DOCPERM, DOCTYPE, ROLE, HAS_ROLE, USER, VERSION];

/** Roles every site has. `All` is held implicitly by every user. */
export const STANDARD_ROLES = ['Administrator', 'System Manager', 'All', 'Guest'] as const;
