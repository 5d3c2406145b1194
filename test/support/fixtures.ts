import type { FastifyInstance } from 'fastify';
import { ADMIN_AUTH } from './test-app.ts';
import type { RelaisApp } from '../../src/app.ts';
import { SYSTEM_ACTOR } from '../../src/documents/permissions.ts';

/** A response as tests read it: the status and the parsed JSON body (or the raw text when it is not JSON). */
export interface ApiResponse {
  status: number;
  body: any;
}

export interface ApiOptions {
  /** Query string values; objects and arrays are sent as JSON text, the way Frappe clients send them. */
  query?: Record<string, unknown>;
  /** Authorization header; the Administrator's API token by default, `null` for none. */
  auth?: string | null;
  headers?: Record<string, string>;
}

/**
 * Calls the server in process as the Administrator (or `options.auth`). An object payload is sent as
 * JSON; a string payload is sent as it is with `Content-Type: application/json` (for malformed bodies).
 */
export async function api(
  server: FastifyInstance,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  options: ApiOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const auth = options.auth === undefined ? ADMIN_AUTH : options.auth;
  if (auth !== null) headers.authorization = auth;
  if (payload !== undefined) headers['content-type'] ??= 'application/json';
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) query[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  const response = await server.inject({
    method,
    url,
    query,
    headers,
    payload: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  let body: unknown = response.body;
  try {
    body = response.json();
  } catch {
    // Not JSON: keep the text.
  }
  return { status: response.statusCode, body };
}

/** `/api/resource/{doctype}[/{name}]`, with both parts URL-encoded. */
export function resourceUrl(doctype: string, name?: string): string {
  const base = `/api/resource/${encodeURIComponent(doctype)}`;
  return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

/** Like `api`, but fails the test with the response body unless the status is 2xx; returns the body. */
export async function apiOk(
  server: FastifyInstance,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  options: ApiOptions = {},
): Promise<any> {
  const res = await api(server, method, url, payload, options);
  if (res.status < 200 || res.status >= 300) {
    throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 600)}`);
  }
  return res.body;
}

export const ISSUE = 'Issue';
export const ISSUE_ITEM = 'Issue Item';

/** The child DocType of the sample: a row of an Issue's `items` table. */
export const ISSUE_ITEM_DEFINITION = {
  name: ISSUE_ITEM,
  module: 'Support',
  istable: 1,
  fields: [
    { fieldname: 'item', label: 'Item', fieldtype: 'Data', reqd: 1, in_list_view: 1 },
    { fieldname: 'qty', label: 'Quantity', fieldtype: 'Int', default: '1', in_list_view: 1 },
    { fieldname: 'rate', label: 'Rate', fieldtype: 'Currency' },
    { fieldname: 'owner_user', label: 'Handled By', fieldtype: 'Link', options: 'User' },
  ],
};

/**
 * The submittable sample DocType: named by the series `ISS-.#####`, with fields of most types, a child
 * table, a unique field (`external_ref`) and one field editable after submission (`resolution`).
 */
export const ISSUE_DEFINITION = {
  name: ISSUE,
  module: 'Support',
  is_submittable: 1,
  autoname: 'ISS-.#####',
  title_field: 'subject',
  fields: [
    { fieldname: 'subject', label: 'Subject', fieldtype: 'Data', reqd: 1, in_list_view: 1 },
    { fieldname: 'status', label: 'Status', fieldtype: 'Select', options: 'Open\nReplied\nClosed', default: 'Open', in_list_view: 1 },
    { fieldname: 'assigned_to', label: 'Assigned To', fieldtype: 'Link', options: 'User' },
    { fieldname: 'due_date', label: 'Due Date', fieldtype: 'Date' },
    { fieldname: 'opened_at', label: 'Opened At', fieldtype: 'Datetime' },
    { fieldname: 'priority', label: 'Priority', fieldtype: 'Int' },
    { fieldname: 'amount', label: 'Amount', fieldtype: 'Currency' },
    { fieldname: 'urgent', label: 'Urgent', fieldtype: 'Check' },
    { fieldname: 'payload', label: 'Payload', fieldtype: 'JSON' },
    { fieldname: 'description', label: 'Description', fieldtype: 'Text' },
    { fieldname: 'external_ref', label: 'External Reference', fieldtype: 'Data', unique: 1 },
    { fieldname: 'items', label: 'Items', fieldtype: 'Table', options: ISSUE_ITEM },
    { fieldname: 'resolution', label: 'Resolution', fieldtype: 'Small Text', allow_on_submit: 1 },
  ],
};

/**
 * Creates the sample DocTypes `Issue Item` (child table) and `Issue` (submittable) through
 * `POST /api/resource/DocType`, and returns the stored DocType documents.
 */
export async function createIssueDoctypes(server: FastifyInstance): Promise<{ issue: any; issueItem: any }> {
  const issueItem = (await apiOk(server, 'POST', resourceUrl('DocType'), ISSUE_ITEM_DEFINITION)).data;
  const issue = (await apiOk(server, 'POST', resourceUrl('DocType'), ISSUE_DEFINITION)).data;
  return { issue, issueItem };
}

/** A valid Issue body: a subject plus `overrides`. */
export function sampleIssue(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    subject: 'Printer on fire',
    status: 'Open',
    assigned_to: 'Administrator',
    due_date: '2026-12-31',
    opened_at: '2026-11-27 09:30:00',
    priority: 3,
    amount: 125.5,
    urgent: 1,
    payload: { source: 'email', tags: ['hardware'] },
    items: [
      { item: 'Extinguisher', qty: 2, rate: 40 },
      { item: 'Toner', qty: 1, rate: 45.5 },
    ],
    ...overrides,
  };
}

/** Parses Frappe's `_server_messages` (a JSON list of JSON-encoded message objects). */
export function serverMessages(body: { _server_messages?: string }): Array<{ message: string; [key: string]: unknown }> {
  const outer = JSON.parse(body._server_messages ?? '[]') as string[];
  return outer.map((m) => JSON.parse(m));
}

/** Creates an Incoming Webhook URL for Google Chat (a syntactically valid space URL) as the system. */
/** A Google Chat webhook URL of the shape Google gives (the key and token are made up). */
export function googleChatUrl(space = 'AAAA', origin = 'https://chat.googleapis.com'): string {
  return `${origin}/v1/spaces/${space}/messages?key=AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI&token=fake-token-${space}%3D`;
}

export async function createGoogleChatWebhook(app: RelaisApp, webhookName: string, space = 'AAAA'): Promise<void> {
  await app.documents.insert(
    'Incoming Webhook URL',
    {
      webhook_name: webhookName,
      service: 'Google Chat',
      webhook_url: googleChatUrl(space),
    },
    SYSTEM_ACTOR,
  );
}
