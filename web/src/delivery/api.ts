/**
 * Method calls of the bell and the delivery log (`/api/method/…`, POST with a JSON body), with the
 * same error handling as ../api.ts (whose request helper is private there).
 */
import { ApiError, api } from '../api.ts';

export async function callMethod<T>(name: string, args: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/method/${name}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Network error');
  }
  let json: { message?: T; error?: { code?: unknown; message?: unknown; details?: unknown } };
  try {
    json = await response.json();
  } catch {
    throw new ApiError(response.status, 'BAD_RESPONSE', `HTTP ${response.status}`);
  }
  if (response.ok) return json.message as T;
  const error = json.error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string')
    throw new ApiError(response.status, 'BAD_RESPONSE', `HTTP ${response.status}`);
  if (error.code === 'NOT_AUTHENTICATED') {
    // Let the shared client notice the lost session (it sends the Desk back to the login page).
    await api.loggedUser().catch(() => undefined);
  }
  const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
  throw new ApiError(response.status, error.code, error.message, details);
}

export function countDocs(doctype: string, filters: [string, string, unknown][]): Promise<number> {
  return callMethod<number>('frappe.client.get_count', { doctype, filters });
}
