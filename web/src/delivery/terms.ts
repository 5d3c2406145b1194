// No imports here: i18n.tsx reads these while the modules load (text.ts imports i18n.tsx).
/** Doctype names shown in the menu and titles (merged into the i18n terms). */
export const DELIVERY_TERMS = {
  en: { 'Notification Delivery': 'Delivery log' } as Record<string, string>,
  fr: { 'Notification Delivery': 'Journal des envois', 'Notification Log': 'Journal des notifications' } as Record<string, string>,
};
