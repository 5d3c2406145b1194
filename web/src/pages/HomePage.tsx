import { useEffect } from 'react';
import { Link } from 'react-router';
import { deskPath } from '../doctypes.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { NAV } from '../nav.ts';
import { useIsSystemManager } from '../doctype-editor/access.ts';
import { setPageTitle } from '../site.ts';

/** /app: where to go from here. */
export function HomePage() {
  const i18n = useI18n();
  const systemManager = useIsSystemManager();
  useEffect(() => setPageTitle(''), []);
  return (
    <>
      <h1>{i18n.t('home.heading')}</h1>
      <p>{i18n.t('home.intro')}</p>
      <ul className="home-links">
        {NAV.filter((group) => !group.systemManagerOnly || systemManager)
          .flatMap((group) => group.doctypes)
          .map((doctype) => (
            <li key={doctype}>
              <Link to={deskPath(doctype)}>{i18n.menuLabel(doctype)}</Link>
            </li>
          ))}
      </ul>
    </>
  );
}
