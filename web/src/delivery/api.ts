/** Method calls of the bell and the delivery log (`/api/method/…`, POST with a JSON body). */
import { request } from '../api.ts';

export async function callMethod<T>(name: string, args: Record<string, unknown>): Promise<T> {
  return (await request<{ message: T }>('POST', `/api/method/${name}`, args)).message;
}

export function countDocs(doctype: string, filters: [string, string, unknown][]): Promise<number> {
  return callMethod<number>('frappe.client.get_count', { doctype, filters });
}
