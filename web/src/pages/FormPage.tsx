import { lazy, Suspense, useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { api } from '../api.ts';
import { DocForm } from '../components/DocForm.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { deskPath, loadMeta } from '../doctypes.ts';
import { UserForm } from '../doctype-editor/UserForm.tsx';
import { ExplainPanel } from '../explain/ExplainPanel.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { setPageTitle } from '../site.ts';
import { useAsync } from '../use-async.ts';

// Loaded on demand, in their own chunks: the Notification form pulls CodeMirror, and neither is needed
// for the first page load.
const NotificationForm = lazy(() => import('../notification/NotificationForm.tsx').then((m) => ({ default: m.NotificationForm })));
const DocTypeEditor = lazy(() => import('../doctype-editor/DocTypeEditor.tsx').then((m) => ({ default: m.DocTypeEditor })));

/** /app/{slug}/{name} and /app/{slug}/new: one document in a form. */
export function FormPage({ doctype, name }: { doctype: string; name: string | undefined }) {
  const i18n = useI18n();
  const location = useLocation();
  const justCreated = (location.state as { saved?: boolean } | null)?.saved === true;
  const title = name ?? i18n.t('form.newTitle', { doctype: i18n.term(doctype) });
  useEffect(() => setPageTitle(title), [title]);

  const loaded = useAsync(async () => {
    const meta = await loadMeta(doctype);
    const doc = name === undefined ? undefined : await api.get(doctype, name);
    return { meta, doc };
  }, [doctype, name]);

  return (
    <>
      <p className="breadcrumb">
        <Link to={deskPath(doctype)}>{i18n.t('form.backToList', { doctype: i18n.term(doctype) })}</Link>
      </p>
      <h1>{title}</h1>
      {loaded.error ? <ErrorMessage error={loaded.error} /> : null}
      {loaded.loading && !loaded.data ? <Loading /> : null}
      {loaded.data && (
        <Suspense fallback={<Loading />}>
          {doctype === 'Notification' ? (
            <NotificationForm meta={loaded.data.meta} doc={loaded.data.doc} justCreated={justCreated} />
          ) : doctype === 'DocType' ? (
            <DocTypeEditor doc={loaded.data.doc} justCreated={justCreated} />
          ) : doctype === 'User' ? (
            <UserForm doc={loaded.data.doc} justCreated={justCreated} />
          ) : (
            <DocForm doctype={doctype} meta={loaded.data.meta} doc={loaded.data.doc} justCreated={justCreated} />
          )}
        </Suspense>
      )}
      {loaded.data?.doc && name !== undefined && <ExplainPanel doctype={doctype} name={name} />}
    </>
  );
}
