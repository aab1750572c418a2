import { useEffect, useState } from 'preact/hooks';
import { api, describe, Notification, Page, Session } from '../api';
import { onLive } from '../live';
import { Message, More, when } from './parts';

export function Notifications({ session }: { session: Session }) {
  const [items, setItems] = useState<Notification[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');

  const load = async (after?: string) => {
    try {
      const page = await api<Page<Notification>>('GET', '/notifications', { session, query: { cursor: after, limit: '20' } });
      setItems((shown) => (after ? [...shown, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError('');
    } catch (failure) {
      setError(describe(failure));
    }
  };
  useEffect(() => void load(), []);
  // A push says only that something arrived; the newest page is read again.
  useEffect(() => onLive((event) => event.kind !== 'mypage' && void load()), []);

  return (
    <section>
      <h1 tabIndex={-1}>Notifications</h1>
      <Message text={error} tone="error" />
      {items.length === 0 ? <p>Nothing yet.</p> : null}
      <ul class="notifications" aria-live="polite" aria-label="Notifications">
        {items.map((n) => (
          <li key={n.notificationId} class="card" data-kind={n.kind}>
            <strong>{n.kind === 'NewBook' ? 'New book' : 'Back in stock'}</strong>
            <p>{n.message}</p>
            <small>{when(n.createdAt)}</small>
          </li>
        ))}
      </ul>
      <More cursor={cursor} onMore={() => void load(cursor ?? undefined)} label="More notifications" />
    </section>
  );
}
