import type { MessageKey } from './i18n/en.ts';

export interface NavGroup {
  /** The group's heading; none for an entry on its own. */
  heading?: MessageKey;
  doctypes: string[];
  /** Shown to System Managers only (the server refuses these doctypes to anyone else). */
  systemManagerOnly?: boolean;
}

/** The Desk's menu: Integrations > Incoming Webhook URL, then Notification, then the delivery log. */
export const NAV: NavGroup[] = [
  { heading: 'nav.integrations', doctypes: ['Incoming Webhook URL'] },
  { doctypes: ['Notification'] },
  { doctypes: ['Notification Delivery'] },
  { heading: 'nav.settings', doctypes: ['DocType', 'User', 'Role'], systemManagerOnly: true },
];
