import { Link } from 'react-router';
import { Bell } from '../delivery/Bell.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { siteName } from '../site.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** The Desk's top bar: the site, the language, who is logged in, and logging out. */
export function Header({ user, onLogout }: { user: string; onLogout(): void }) {
  const i18n = useI18n();
  return (
    <header className="desk-header">
      <Link to="/" className="site-name">
        {siteName}
      </Link>
      <div className="header-tools">
        <LanguageSwitch />
        <Bell user={user} />
        <span className="user">{i18n.t('header.user', { user })}</span>
        <button type="button" onClick={onLogout}>
          {i18n.t('header.logout')}
        </button>
      </div>
    </header>
  );
}
