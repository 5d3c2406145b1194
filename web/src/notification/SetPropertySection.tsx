import { useI18n } from '../i18n/i18n.tsx';
import type { NotificationFields } from './use-notification-fields.tsx';

/** Set Property After Alert: a field of the document and the value it is set to once the alert is sent. */
export function SetPropertySection({ fields }: { fields: NotificationFields }) {
  const i18n = useI18n();
  return (
    <section className="form-section" aria-labelledby="section-set-property">
      <h2 id="section-set-property">{i18n.t('notif.section.setProperty')}</h2>
      {fields.fieldPicker('set_property_after_alert')}
      {fields.plain('property_value')}
    </section>
  );
}
