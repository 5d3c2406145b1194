import { RelaisError } from '../../errors/relais-error.ts';
import { tr } from '../../i18n/text.ts';
import { renameDocument } from '../../documents/document-rename.ts';
import { flagArg, jsonArg, textArg } from '../request-args.ts';
import type { MethodCall, MethodDefinition } from './method.ts';

type Row = Record<string, unknown>;

function docArg(args: Row, name: string): Row {
  const doc = jsonArg(args, name);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new RelaisError('BAD_REQUEST', tr`Argument ${name} must be a document (a JSON object with doctype and name)`, { field: name });
  }
  return doc as Row;
}

/** `filters` of get_value: a document name, or Frappe filters. */
function nameOrFilters(value: unknown): unknown {
  return typeof value === 'string' && !/^[[{]/.test(value.trim()) ? { name: value } : value;
}

/** Frappe's get_value: the first matching document's fields, as a dict, a list or a single value. */
async function getValue({ args, app, request }: MethodCall): Promise<unknown> {
  const doctype = textArg(args, 'doctype');
  const rawFields = jsonArg(args, 'fieldname') ?? 'name';
  const fields = Array.isArray(rawFields) ? (rawFields.length > 0 ? rawFields : ['name']) : [rawFields];
  const asDict = flagArg(args.as_dict, true);
  let filters = nameOrFilters(jsonArg(args, 'filters'));
  if (Array.isArray(filters) && filters.length === 0) filters = undefined;
  const rows = await app.documents.list(
    doctype,
    {
      fields,
      filters,
      limit_page_length: 1,
      as_dict: asDict,
      order_by: args.order_by,
    },
    request.actor,
  );
  if (asDict) return rows[0] ?? {};
  const first = rows[0] as unknown[] | undefined;
  if (!first) return null;
  return fields.length > 1 ? first : first[0];
}

/** Frappe's `frappe.client.*` methods. */
export const CLIENT_METHODS: Record<string, MethodDefinition> = {
  'frappe.client.get_count': {
    handler: ({ args, app, request }) =>
      app.documents.count(textArg(args, 'doctype'), jsonArg(args, 'filters'), jsonArg(args, 'or_filters'), request.actor),
  },
  'frappe.client.get_list': {
    handler: ({ args, app, request }) =>
      app.documents.list(
        textArg(args, 'doctype'),
        {
          ...args,
          fields: jsonArg(args, 'fields'),
          filters: jsonArg(args, 'filters'),
          or_filters: jsonArg(args, 'or_filters'),
        },
        request.actor,
      ),
  },
  'frappe.client.get': {
    handler: ({ args, app, request }) => app.documents.get(textArg(args, 'doctype'), textArg(args, 'name'), request.actor),
  },
  'frappe.client.get_value': { handler: getValue },
  'frappe.client.set_value': {
    async handler({ args, app, request }) {
      const fieldname = jsonArg(args, 'fieldname');
      const values =
        typeof fieldname === 'object' && fieldname !== null ? (fieldname as Row) : { [textArg(args, 'fieldname')]: args.value };
      return app.documents.update(textArg(args, 'doctype'), textArg(args, 'name'), values, request.actor);
    },
  },
  'frappe.client.insert': {
    async handler({ args, app, request }) {
      const doc = docArg(args, 'doc');
      return app.documents.insert(textArg(doc, 'doctype'), doc, request.actor);
    },
  },
  'frappe.client.submit': {
    async handler({ args, app, request }) {
      const doc = docArg(args, 'doc');
      return app.documents.submit(textArg(doc, 'doctype'), textArg(doc, 'name'), doc, request.actor);
    },
  },
  'frappe.client.cancel': {
    handler: ({ args, app, request }) => app.documents.cancel(textArg(args, 'doctype'), textArg(args, 'name'), request.actor),
  },
  'frappe.client.delete': {
    async handler({ args, app, request }) {
      await app.documents.delete(textArg(args, 'doctype'), textArg(args, 'name'), request.actor);
      return null;
    },
  },
  'frappe.client.rename_doc': {
    handler: ({ args, app, request }) =>
      renameDocument(
        app.documents,
        textArg(args, 'doctype'),
        textArg(args, 'old_name'),
        args.new_name,
        flagArg(args.merge, false),
        request.actor,
      ),
  },
};
