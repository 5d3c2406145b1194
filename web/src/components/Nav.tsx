import { useId } from 'react';
import { NavLink } from 'react-router';
import { deskPath } from '../doctypes.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { NAV } from '../nav.ts';

function DoctypeLinks({ doctypes, labelledBy }: { doctypes: string[]; labelledBy?: string }) {
  const i18n = useI18n();
  return (
    <ul aria-labelledby={labelledBy}>
      {doctypes.map((doctype) => (
        <li key={doctype}>
          <NavLink to={deskPath(doctype)}>{i18n.term(doctype)}</NavLink>
        </li>
      ))}
    </ul>
  );
}

function NavSection({ heading, doctypes }: { heading?: string; doctypes: string[] }) {
  const id = useId();
  if (!heading) return <DoctypeLinks doctypes={doctypes} />;
  return (
    <>
      <span className="nav-heading" id={id}>
        {heading}
      </span>
      <DoctypeLinks doctypes={doctypes} labelledBy={id} />
    </>
  );
}

/** The menu beside every page. */
export function Nav() {
  const i18n = useI18n();
  return (
    <nav className="desk-nav" aria-label={i18n.t('nav.label')}>
      {NAV.map((group, i) => (
        <NavSection key={i} heading={group.heading && i18n.t(group.heading)} doctypes={group.doctypes} />
      ))}
    </nav>
  );
}
