/** The notification methods of Relais's API (System Manager only): preview, test send, and a delivery's outcome. */
import { api, request, type Doc } from '../api.ts';

/** A template or condition problem, as the preview returns it (data, not an HTTP error). */
export interface PreviewProblem {
  stage: 'condition' | 'subject' | 'message' | 'recipients';
  code: string;
  message: string;
  line: number | null;
  column: number | null;
  excerpt: string | null;
}

export interface PreviewDestination {
  channel: string;
  destination: string;
  payload: { service: string; method: string; url: string; headers: Record<string, string>; body: unknown } | null;
  note: string | null;
}

export interface PreviewResult {
  condition_holds: boolean | null;
  subject: string | null;
  message: string | null;
  destinations: PreviewDestination[];
  recipients: { users: string[]; emails: string[]; cc: string[]; bcc: string[] };
  error?: PreviewProblem;
}

/** A delivery's state as the test dialog reads it. */
export interface DeliveryState {
  name: string;
  status: string;
  destination: string;
  errorCode: string | null;
  error: string | null;
  httpStatus: number | null;
}

const methodPath = (name: string) => `/api/method/${name}`;

export const notificationApi = {
  /** What the (unsaved) notification would send for the document `name`; writes and sends nothing. */
  async preview(notification: Doc, name: string): Promise<PreviewResult> {
    return (await request<{ message: PreviewResult }>('POST', methodPath('relais.notification.preview'), { notification, name })).message;
  },
  /** Queues the saved notification's deliveries for the document, for real; the delivery names. */
  async sendTest(notification: string, name: string): Promise<string[]> {
    const answer = await request<{ message: { deliveries: string[] } }>('POST', methodPath('relais.notification.send_test'), {
      notification,
      name,
    });
    return answer.message.deliveries;
  },
  /** A delivery's status, and the error of its last attempt (or its last error) when it has one. */
  async delivery(name: string): Promise<DeliveryState> {
    const doc = await api.get('Notification Delivery', name);
    const attempts = Array.isArray(doc.attempt_log) ? (doc.attempt_log as Doc[]) : [];
    const last = [...attempts].sort((a, b) => Number(a.attempt ?? 0) - Number(b.attempt ?? 0)).at(-1);
    const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
    return {
      name,
      status: String(doc.status ?? ''),
      destination: String(doc.destination ?? ''),
      errorCode: text(last?.error_code) ?? text(doc.error_code),
      error: text(last?.error) ?? text(doc.last_error),
      httpStatus: last?.http_status === null || last?.http_status === undefined ? null : Number(last.http_status),
    };
  },
};
