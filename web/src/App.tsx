import { useCallback, useEffect, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError, api, setUnauthenticatedHandler } from './api.ts';
import { Header } from './components/Header.tsx';
import { Nav } from './components/Nav.tsx';
import { Loading } from './components/Status.tsx';
import { clearDoctypeCaches } from './doctypes.ts';
import { errorText } from './errors.ts';
import { useI18n } from './i18n/i18n.tsx';
import { DeliveryPage } from './delivery/DeliveryPages.tsx';
import { DoctypePage } from './pages/DoctypePage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';

type Session = { state: 'checking' } | { state: 'anonymous'; notice?: string } | { state: 'user'; user: string };

/** The Desk: the login page until there is a session, then the shell and its routes (under /app). */
export function App() {
  const i18n = useI18n();
  const [session, setSession] = useState<Session>({ state: 'checking' });

  useEffect(() => {
    setUnauthenticatedHandler(() => setSession({ state: 'anonymous' }));
    api.loggedUser().then(
      (user) => setSession({ state: 'user', user }),
      (err: unknown) =>
        setSession(
          err instanceof ApiError && err.code === 'NOT_AUTHENTICATED'
            ? { state: 'anonymous' }
            : { state: 'anonymous', notice: errorText(err, i18n) },
        ),
    );
    return () => setUnauthenticatedHandler(undefined);
  }, []); // once: i18n only words a failure of this first call

  const loggedIn = useCallback((user: string) => {
    clearDoctypeCaches();
    setSession({ state: 'user', user });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // the session is dropped here either way
    }
    clearDoctypeCaches();
    setSession({ state: 'anonymous' });
  }, []);

  if (session.state === 'checking') return <Loading />;
  return (
    <BrowserRouter basename="/app">
      {session.state === 'anonymous' ? (
        <LoginPage onLoggedIn={loggedIn} notice={session.notice} />
      ) : (
        <div className="desk">
          <a className="skip-link" href="#main">
            {i18n.t('app.skipToContent')}
          </a>
          <Header user={session.user} onLogout={() => void logout()} />
          <div className="desk-body">
            <Nav />
            <main id="main" tabIndex={-1}>
              <Routes>
                <Route index element={<HomePage />} />
                <Route path="notification-delivery" element={<DeliveryPage />} />
                <Route path="notification-delivery/:name" element={<DeliveryPage />} />
                <Route path=":slug" element={<DoctypePage />} />
                <Route path=":slug/:name" element={<DoctypePage />} />
              </Routes>
            </main>
          </div>
        </div>
      )}
    </BrowserRouter>
  );
}
