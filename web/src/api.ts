/** The Desk's only way to the server: Relais's REST API, with the session cookie. */

/** A document as the API returns it: standard fields plus its doctype's fields. */
export type Doc = Record<string, unknown> & { name?: string; modified?: string };

/** One field of a doctype (a row of DocType.fields). */
export interface DocField {
  fieldname: string;
  label: string | null;
  fieldtype: string;
  options: string | null;
  reqd: number;
  default: string | null;
  read_only: number;
  in_list_view: number;
  hidden: number;
  allow_on_submit?: number;
  description: string | null;
  idx: number;
}

export interface DocTypeMeta {
  name: string;
  autoname: string | null;
  title_field: string | null;
  is_submittable: number;
  istable: number;
  fields: DocField[];
}

/**
 * A refused request. `code` is Relais's stable code (INVALID_VALUE, NOT_AUTHENTICATED…), or NETWORK /
 * BAD_RESPONSE when no Relais answer came back; `message` is the server's, safe to show.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field the server blamed (`error.details.field`), if any. */
  get field(): string | undefined {
    const field = this.details.field;
    return typeof field === 'string' ? field : undefined;
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

let onUnauthenticated: (() => void) | undefined;
let language: string | undefined;

/** The Desk's language, sent as Accept-Language on every call so the server words its messages in it. */
export function setApiLanguage(next: string): void {
  language = next;
}

/** Called when the session is gone (expired, logged out elsewhere): the Desk goes back to the login page. */
export function setUnauthenticatedHandler(handler: (() => void) | undefined): void {
  onUnauthenticated = handler;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (language) headers['accept-language'] = language;
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Network error');
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ApiError(response.status, 'BAD_RESPONSE', `HTTP ${response.status}`);
  }
  if (response.ok) return json as T;
  const error = (json as ErrorBody).error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string')
    throw new ApiError(response.status, 'BAD_RESPONSE', `HTTP ${response.status}`);
  const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
  if (error.code === 'NOT_AUTHENTICATED') onUnauthenticated?.();
  throw new ApiError(response.status, error.code, error.message, details);
}

const resource = (doctype: string, name?: string) =>
  `/api/resource/${encodeURIComponent(doctype)}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;

const method = (name: string, params: Record<string, string> = {}) => {
  const query = new URLSearchParams(params).toString();
  return `/api/method/${name}${query ? `?${query}` : ''}`;
};

export interface ListOptions {
  fields: string[];
  start?: number;
  pageLength?: number;
  /** Frappe filters, list form: [[field, operator, value]]. */
  filters?: [string, string, unknown][];
  orderBy?: string;
}

export const api = {
  async login(usr: string, pwd: string): Promise<{ full_name: string }> {
    return request('POST', method('login'), { usr, pwd });
  },
  async logout(): Promise<void> {
    await request('POST', method('logout'), {});
  },
  /** The logged-in user's name; throws NOT_AUTHENTICATED without a session. */
  async loggedUser(): Promise<string> {
    return (await request<{ message: string }>('GET', method('frappe.auth.get_logged_user'))).message;
  },
  async list(doctype: string, options: ListOptions): Promise<Doc[]> {
    const params = new URLSearchParams({
      fields: JSON.stringify(options.fields),
      limit_start: String(options.start ?? 0),
      limit_page_length: String(options.pageLength ?? 20),
    });
    if (options.filters) params.set('filters', JSON.stringify(options.filters));
    if (options.orderBy) params.set('order_by', options.orderBy);
    return (await request<{ data: Doc[] }>('GET', `${resource(doctype)}?${params}`)).data;
  },
  async count(doctype: string, filters?: [string, string, unknown][]): Promise<number> {
    const params: Record<string, string> = { doctype };
    if (filters?.length) params.filters = JSON.stringify(filters);
    return (await request<{ message: number }>('GET', method('frappe.client.get_count', params))).message;
  },
  async remove(doctype: string, name: string): Promise<void> {
    await request('DELETE', resource(doctype, name));
  },
  async get(doctype: string, name: string): Promise<Doc> {
    return (await request<{ data: Doc }>('GET', resource(doctype, name))).data;
  },
  async insert(doctype: string, doc: Doc): Promise<Doc> {
    return (await request<{ data: Doc }>('POST', resource(doctype), doc)).data;
  },
  async update(doctype: string, name: string, changes: Doc): Promise<Doc> {
    return (await request<{ data: Doc }>('PUT', resource(doctype, name), changes)).data;
  },
  async meta(doctype: string): Promise<DocTypeMeta> {
    const meta = (await request<{ data: DocTypeMeta }>('GET', resource('DocType', doctype))).data;
    return { ...meta, fields: [...meta.fields].sort((a, b) => a.idx - b.idx) };
  },
};
