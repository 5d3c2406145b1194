import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { NavLink, useLocation } from 'react-router';
import { deskPath } from '../doctypes.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { NAV } from '../nav.ts';
import { useIsSystemManager } from '../doctype-editor/access.ts';

function DoctypeLinks({ doctypes, labelledBy }: { doctypes: string[]; labelledBy?: string }) {
  const i18n = useI18n();
  return (
    <ul aria-labelledby={labelledBy}>
      {doctypes.map((doctype) => (
        <li key={doctype}>
          <NavLink to={deskPath(doctype)}>{i18n.menuLabel(doctype)}</NavLink>
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

/**
 * The menu beside every page. On a narrow screen it folds behind a "Menu" button (styles.css shows the
 * button and hides the closed list below 720px); it closes after a page is chosen or on Escape.
 */
export function Nav() {
  const i18n = useI18n();
  const systemManager = useIsSystemManager();
  const itemsId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]); // reached another page by any way: fold the menu

  const closeOnLink = (event: MouseEvent) => {
    if ((event.target as Element).closest('a')) setOpen(false);
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    setOpen(false);
    toggle.current?.focus();
  };

  return (
    <nav className="desk-nav" aria-label={i18n.t('nav.label')} onKeyDown={closeOnEscape}>
      <button ref={toggle} type="button" className="nav-toggle" aria-expanded={open} aria-controls={itemsId} onClick={() => setOpen(!open)}>
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M4 6h16M4 12h16M4 18h16" />
        </svg>
        {i18n.t('nav.menu')}
      </button>
      <div id={itemsId} className={open ? 'nav-items open' : 'nav-items'} onClick={closeOnLink}>
        {NAV.filter((group) => !group.systemManagerOnly || systemManager).map((group, i) => (
          <NavSection key={i} heading={group.heading && i18n.t(group.heading)} doctypes={group.doctypes} />
        ))}
      </div>
    </nav>
  );
}
