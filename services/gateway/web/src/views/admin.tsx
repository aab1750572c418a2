import { useEffect, useState } from 'preact/hooks';
import { api, Book, describe, MarketingTarget, OutOfStockOrder, Page, Session } from '../api';
import { Field, Message, More, useSubmit, when } from './parts';

/** The admin's page: register and restock books; who hears of new books; what waits for stock; the shop's health. */
export function Admin({ session }: { session: Session }) {
  const [refresh, setRefresh] = useState(0);
  return (
    <section>
      <h1 tabIndex={-1}>Admin</h1>
      <div class="grid">
        <RegisterBook session={session} onDone={() => setRefresh((n) => n + 1)} />
        <Restock session={session} onDone={() => setRefresh((n) => n + 1)} />
      </div>
      <Health session={session} />
      <Listing<MarketingTarget>
        key={`targets-${refresh}`}
        title="Marketing targets"
        path="/marketingTargets"
        session={session}
        columns={['Customer', 'Name', 'Email', 'Registered']}
        row={(t) => [t.customerId, t.name, t.email, when(t.registeredAt)]}
      />
      <Listing<OutOfStockOrder>
        key={`oos-${refresh}`}
        title="Out-of-stock orders"
        path="/outOfStockOrders"
        session={session}
        columns={['Order', 'Book', 'Customer', 'Copies', 'Told of a restock']}
        row={(o) => [o.orderId, o.bookId, o.customerId, String(o.qty), o.notified ? 'yes' : 'not yet']}
      />
    </section>
  );
}

function RegisterBook({ session, onDone }: { session: Session; onDone: () => void }) {
  const { onSubmit, busy, message } = useSubmit(async (form, element) => {
    const book = await api<Book>('POST', '/books', {
      session,
      idempotencyKey: crypto.randomUUID(),
      body: { title: form.get('title'), author: form.get('author') || undefined, price: form.get('price'), stock: form.get('stock') || undefined },
    });
    element.reset();
    onDone();
    return `Registered “${book.title}” as ${book.bookId}.`;
  });
  return (
    <form class="card" onSubmit={onSubmit} aria-labelledby="register-title">
      <h2 id="register-title">Register a book</h2>
      <Field label="Title" name="title" required maxLength={200} />
      <Field label="Author" name="author" maxLength={200} />
      <Field label="Price (won)" name="price" type="number" inputMode="numeric" min={0} required />
      <Field label="Stock" name="stock" type="number" inputMode="numeric" min={0} />
      <button type="submit" disabled={busy}>
        Register
      </button>
      <Message text={message.text} tone={message.tone} />
    </form>
  );
}

function Restock({ session, onDone }: { session: Session; onDone: () => void }) {
  const { onSubmit, busy, message } = useSubmit(async (form, element) => {
    const book = await api<Book>('PATCH', '/books/reStock', {
      session,
      idempotencyKey: crypto.randomUUID(),
      body: { bookId: form.get('bookId'), stock: form.get('stock') },
    });
    element.reset();
    onDone();
    return `“${book.title}” now has ${book.stock} in stock.`;
  });
  return (
    <form class="card" onSubmit={onSubmit} aria-labelledby="restock-title">
      <h2 id="restock-title">Restock</h2>
      <Field label="Book id" name="bookId" required maxLength={64} />
      <Field label="Copies to add" name="stock" type="number" inputMode="numeric" min={1} required />
      <button type="submit" disabled={busy}>
        Restock
      </button>
      <Message text={message.text} tone={message.tone} />
    </form>
  );
}

interface Figure {
  name: string;
  labels: Record<string, string | number>;
  value: number;
}
interface Status {
  at: string;
  services: Array<{ name: string; instance: string; ready: boolean; figures: Figure[] }>;
  lags: Array<{ topic: string; group: string; lag: number; pending: number }>;
  deadLetters: Record<string, number>;
}

const total = (figures: Figure[], name: string, where: (labels: Figure['labels']) => boolean = () => true): number =>
  figures.filter((f) => f.name === name && where(f.labels)).reduce((sum, f) => sum + f.value, 0);
const requests = (figures: Figure[]) =>
  total(figures, 'bookstore_http_requests_total', (l) => !['/healthz', '/readyz', '/ops/status'].includes(String(l.route)));
const failures = (figures: Figure[]) => total(figures, 'bookstore_http_requests_total', (l) => String(l.status).startsWith('5'));
const events = (figures: Figure[]) => total(figures, 'bookstore_events_handled_total');

/** The shop now (GET /admin/status every 2 s): each service's readiness and rates, the stock breaker, lag, dead letters. */
function Health({ session }: { session: Session }) {
  const [shown, setShown] = useState<{ before?: Status; after?: Status; error?: string }>({});
  useEffect(() => {
    const read = async () => {
      try {
        const status = await api<Status>('GET', '/admin/status', { session });
        setShown((last) => ({ before: last.after, after: status }));
      } catch (failure) {
        setShown((last) => ({ ...last, error: describe(failure) }));
      }
    };
    void read();
    const timer = setInterval(() => void read(), 2_000);
    return () => clearInterval(timer);
  }, []);
  const { before, after } = shown;
  const seconds = before && after ? Math.max(0.001, (Date.parse(after.at) - Date.parse(before.at)) / 1000) : 0;
  const rate = (name: string, of: (figures: Figure[]) => number) => {
    // Between two answers of the same instance only: with replicas, another may answer.
    const current = after?.services.find((s) => s.name === name);
    const earlier = before?.services.find((s) => s.name === name && s.instance === current?.instance)?.figures;
    const now = current?.figures;
    return earlier && now && seconds > 0 ? (Math.max(0, of(now) - of(earlier)) / seconds).toFixed(1) : '–';
  };
  const order = after?.services.find((s) => s.name === 'order')?.figures ?? [];
  const breaker = order.find((f) => f.name === 'bookstore_stock_breaker_open')?.value;
  return (
    <section class="card" aria-labelledby="health-title">
      <h2 id="health-title">The shop now</h2>
      <Message text={shown.error ?? ''} tone="error" />
      <p data-field="breaker">Stock breaker: {breaker === undefined ? 'unknown' : breaker === 1 ? 'open (orders are answered “try again”)' : 'closed'}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Ready</th>
              <th scope="col">Requests/s</th>
              <th scope="col">5xx/s</th>
              <th scope="col">Events/s</th>
              <th scope="col">Dead letters</th>
            </tr>
          </thead>
          <tbody>
            {(after?.services ?? []).map((s) => (
              <tr key={s.name} data-service={s.name}>
                <th scope="row">{s.name}</th>
                <td data-state={s.ready ? 'ready' : 'not ready'}>{s.ready ? 'yes' : 'no'}</td>
                <td>{rate(s.name, requests)}</td>
                <td>{rate(s.name, failures)}</td>
                <td>{rate(s.name, events)}</td>
                <td>{after?.deadLetters[s.name] ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Subscriber lag</h3>
      <ul class="health">
        {(after?.lags ?? [])
          .filter((l) => l.lag > 0 || l.pending > 0)
          .map((l) => (
            <li key={`${l.topic}-${l.group}`}>
              {l.group} on {l.topic}: {l.lag} waiting, {l.pending} unacknowledged
            </li>
          ))}
        {after && after.lags.every((l) => l.lag === 0 && l.pending === 0) ? <li data-state="ready">every subscriber is caught up</li> : null}
      </ul>
    </section>
  );
}

interface ListingProps<T> {
  title: string;
  path: string;
  session: Session;
  columns: string[];
  row: (item: T) => string[];
}

function Listing<T>({ title, path, session, columns, row }: ListingProps<T>) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');
  const load = async (after?: string) => {
    try {
      const page = await api<Page<T>>('GET', path, { session, query: { cursor: after, limit: '10' } });
      setItems((shown) => (after ? [...shown, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(describe(failure));
    }
  };
  useEffect(() => void load(), []);
  const id = `list-${path.slice(1)}`;
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <Message text={error} tone="error" />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((item, i) => (
              <tr key={i}>
                {row(item).map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More cursor={cursor} onMore={() => void load(cursor ?? undefined)} label={`More ${title.toLowerCase()}`} />
    </section>
  );
}
