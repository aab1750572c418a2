import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Session } from './api';
import { broadcast, follow } from './live';
import { Account } from './views/account';
import { Admin } from './views/admin';
import { Catalog } from './views/catalog';
import { Login, SignUp } from './views/entry';
import { MyPages } from './views/my-pages';
import { Notifications } from './views/notifications';
import './styles.css';

const SESSION_KEY = 'bookstore.session';

function savedSession(): Session | null {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
  } catch {
    return null;
  }
}

const routeOf = (): string => location.hash.replace(/^#\/?/, '') || 'books';

function App() {
  const [session, setSession] = useState<Session | null>(savedSession);
  const [route, setRoute] = useState(routeOf);
  const [live, setLive] = useState(false);

  useEffect(() => {
    const changed = () => setRoute(routeOf());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);

  useEffect(() => {
    if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(SESSION_KEY);
    if (session?.role !== 'customer') return undefined;
    return follow(session, broadcast, setLive);
  }, [session]);

  // A new view gets the focus on its heading, so a keyboard or screen-reader user lands in it.
  useEffect(() => document.querySelector<HTMLElement>('main h1')?.focus(), [route]);

  const loggedIn = (next: Session) => {
    setSession(next);
    location.hash = next.role === 'admin' ? '#/admin' : '#/books';
  };
  const logOut = () => {
    setSession(null);
    location.hash = '#/books';
  };

  const links: Array<[string, string]> = [['books', 'Books']];
  if (session?.role === 'customer') links.push(['mypage', 'MyPage'], ['notifications', 'Notifications'], ['account', 'Account']);
  if (session?.role === 'admin') links.push(['admin', 'Admin']);
  if (!session) links.push(['login', 'Log in'], ['signup', 'Sign up']);

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header>
        <a class="brand" href="#/books">
          Bookstore
        </a>
        <nav aria-label="Main">
          <ul>
            {links.map(([path, label]) => (
              <li key={path}>
                <a href={`#/${path}`} aria-current={route === path ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
            {session && (
              <li>
                <button type="button" class="link" onClick={logOut}>
                  Log out
                </button>
              </li>
            )}
          </ul>
        </nav>
        {session?.role === 'customer' && (
          <span class="live" data-connected={live ? 'yes' : 'no'}>
            {live ? 'Live' : 'Reconnecting…'}
          </span>
        )}
      </header>
      <main id="main">{view(route, session, loggedIn)}</main>
    </>
  );
}

function view(route: string, session: Session | null, loggedIn: (s: Session) => void) {
  switch (route) {
    case 'login':
      return <Login onLoggedIn={loggedIn} />;
    case 'signup':
      return <SignUp onLoggedIn={loggedIn} />;
    case 'mypage':
      return session?.role === 'customer' ? <MyPages session={session} /> : <NeedsLogin />;
    case 'notifications':
      return session?.role === 'customer' ? <Notifications session={session} /> : <NeedsLogin />;
    case 'account':
      return session?.role === 'customer' ? <Account session={session} /> : <NeedsLogin />;
    case 'admin':
      return session?.role === 'admin' ? <Admin session={session} /> : <NeedsLogin />;
    default:
      return <Catalog session={session} />;
  }
}

function NeedsLogin() {
  return (
    <section>
      <h1 tabIndex={-1}>Please log in</h1>
      <p>
        <a href="#/login">Log in</a> or <a href="#/signup">sign up</a> to see this page.
      </p>
    </section>
  );
}

render(<App />, document.getElementById('app')!);
