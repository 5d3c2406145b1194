import { useParams } from 'react-router';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { doctypeOfSlug } from '../doctypes.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useAsync } from '../use-async.ts';
import { FormPage } from './FormPage.tsx';
import { ListPage } from './ListPage.tsx';

/** /app/{slug} and /app/{slug}/{name}: finds the doctype the slug names, then its list or a form. */
export function DoctypePage() {
  const i18n = useI18n();
  const { slug = '', name } = useParams();
  const doctype = useAsync(() => doctypeOfSlug(slug), [slug]);
  if (doctype.loading) return <Loading />;
  if (doctype.error) return <ErrorMessage error={doctype.error} />;
  if (!doctype.data)
    return (
      <p role="alert" className="error">
        {i18n.t('error.unknownDoctype', { slug })}
      </p>
    );
  if (name === undefined) return <ListPage key={doctype.data} doctype={doctype.data} />;
  const isNew = name === 'new';
  return <FormPage key={`${doctype.data}/${name}`} doctype={doctype.data} name={isNew ? undefined : name} />;
}
