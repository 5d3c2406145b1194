/** `relais.notification.explain` (System Manager only), and whether the logged-in user may call it. */
import { api, request, type Doc } from '../api.ts';

export type ExplainReason =
  'disabled' | 'event' | 'value_unchanged' | 'date_not_due' | 'condition_false' | 'condition_error' | 'template_error' | 'already_sent';

/** A template or condition problem, as the API returns it (data, not an HTTP error). */
export interface ExplainProblem {
  stage: 'condition' | 'subject' | 'message' | 'recipients';
  code: string;
  message: string;
  line: number | null;
  column: number | null;
  excerpt: string | null;
}

/** One notification on the document's doctype: would it fire now, and if not the first test that fails. */
export interface Explanation {
  notification: string;
  event: string;
  enabled: boolean;
  would_fire: boolean;
  reason?: ExplainReason;
  problem?: ExplainProblem;
  detail?: string;
}

/** A notification's condition, read to word a "condition false" answer. */
export interface NotificationSummary {
  name: string;
  condition: string;
  /** The field a Value Change notification watches. */
  valueChanged: string;
}

export const explainApi = {
  async explain(doctype: string, name: string): Promise<Explanation[]> {
    return (await request<{ message: Explanation[] }>('POST', '/api/method/relais.notification.explain', { doctype, name })).message;
  },
  /** The notifications on `doctype` with their condition (empty when the user may not read them). */
  async notifications(doctype: string): Promise<Map<string, NotificationSummary>> {
    try {
      const rows = await api.list('Notification', {
        fields: ['name', 'condition', 'value_changed'],
        filters: [['document_type', '=', doctype]],
        pageLength: 500,
      });
      const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
      return new Map(
        rows.map((r) => [text(r.name), { name: text(r.name), condition: text(r.condition), valueChanged: text(r.value_changed) }]),
      );
    } catch {
      return new Map();
    }
  },
  /** Whether the logged-in user is a System Manager (Administrator, or a System Manager role row). */
  async isSystemManager(): Promise<boolean> {
    const user = await api.loggedUser();
    if (user === 'Administrator') return true;
    try {
      const doc = await api.get('User', user);
      const roles = Array.isArray(doc.roles) ? (doc.roles as Doc[]) : [];
      return roles.some((r) => r.role === 'System Manager' || r.role === 'Administrator');
    } catch {
      return false;
    }
  },
};
