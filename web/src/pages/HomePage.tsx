import { useEffect } from 'react';
import { Link } from 'react-router';
import { deskPath } from '../doctypes.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { NAV } from '../nav.ts';
import { setPageTitle } from '../site.ts';

/** /app: where to go from here. */
export function HomePage() {
  const i18n = useI18n();
  useEffect(() => setPageTitle(''), []);
  return (
    <>
      <h1>{i18n.t('home.heading')}</h1>
      <p>{i18n.t('home.intro')}</p>
      <ul className="home-links">
        {NAV.flatMap((group) => group.doctypes).map((doctype) => (
          <li key={doctype}>
            <Link to={deskPath(doctype)}>{i18n.term(doctype)}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
