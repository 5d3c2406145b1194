import { useId } from 'react';
import { NavLink } from 'react-router';
import { deskPath } from '../doctypes.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { NAV } from '../nav.ts';
import { useIsSystemManager } from '../doctype-editor/access.ts';
import { SETTINGS_MENU_LABELS } from '../doctype-editor/terms.ts';

function DoctypeLinks({ doctypes, labelledBy }: { doctypes: string[]; labelledBy?: string }) {
  const i18n = useI18n();
  return (
    <ul aria-labelledby={labelledBy}>
      {doctypes.map((doctype) => (
        <li key={doctype}>
          <NavLink to={deskPath(doctype)}>{SETTINGS_MENU_LABELS[i18n.language][doctype] ?? i18n.term(doctype)}</NavLink>
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
  const systemManager = useIsSystemManager();
  return (
    <nav className="desk-nav" aria-label={i18n.t('nav.label')}>
      {NAV.filter((group) => !group.systemManagerOnly || systemManager).map((group, i) => (
        <NavSection key={i} heading={group.heading && i18n.t(group.heading)} doctypes={group.doctypes} />
      ))}
    </nav>
  );
}
