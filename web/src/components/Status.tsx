import { errorText } from '../errors.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function Loading() {
  const i18n = useI18n();
  return (
    <p role="status" className="loading">
      {i18n.t('app.loading')}
    </p>
  );
}

/** A failed load, in the server's words. */
export function ErrorMessage({ error }: { error: unknown }) {
  const i18n = useI18n();
  return (
    <p role="alert" className="error">
      {errorText(error, i18n)}
    </p>
  );
}
