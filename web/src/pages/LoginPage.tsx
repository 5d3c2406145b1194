import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { errorText } from '../errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { setPageTitle, siteName } from '../site.ts';

/** Logs in with /api/method/login; the server's refusal is shown as it words it. */
export function LoginPage({ onLoggedIn, notice }: { onLoggedIn(user: string): void; notice?: string }) {
  const i18n = useI18n();
  const [usr, setUsr] = useState('');
  const [pwd, setPwd] = useState('');
  const [error, setError] = useState<string | undefined>(notice);
  const [busy, setBusy] = useState(false);

  useEffect(() => setPageTitle(i18n.t('login.heading')), [i18n]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.login(usr, pwd);
      onLoggedIn(await api.loggedUser());
    } catch (err) {
      setError(errorText(err, i18n));
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login">
      <div className="login-top">
        <span className="site-name">{siteName}</span>
        <LanguageSwitch />
      </div>
      <h1>{i18n.t('login.heading')}</h1>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="login-usr">{i18n.t('login.user')}</label>
          <input id="login-usr" name="usr" autoComplete="username" value={usr} onChange={(e) => setUsr(e.target.value)} autoFocus />
        </div>
        <div className="field">
          <label htmlFor="login-pwd">{i18n.t('login.password')}</label>
          <input
            id="login-pwd"
            name="pwd"
            type="password"
            autoComplete="current-password"
            value={pwd}
            onChange={(e) => setPwd(e.target.value)}
          />
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {i18n.t('login.submit')}
        </button>
      </form>
    </main>
  );
}
