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
      <Health />
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
    const book = await api<Book>('PATCH', '/books/reStock', { session, idempotencyKey: crypto.randomUUID(), body: { bookId: form.get('bookId'), stock: form.get('stock') } });
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

/** Each service's readiness, as the gateway sees it (its /readyz). */
function Health() {
  const [services, setServices] = useState<Record<string, string>>({});
  useEffect(() => {
    const read = async () => {
      try {
        setServices((await api<{ services: Record<string, string> }>('GET', '/readyz')).services);
      } catch {
        setServices({ gateway: 'not ready' });
      }
    };
    void read();
    const timer = setInterval(() => void read(), 5_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <section class="card" aria-labelledby="health-title">
      <h2 id="health-title">Services</h2>
      <ul class="health">
        {Object.entries(services).map(([name, state]) => (
          <li key={name} data-state={state}>
            {name}: {state}
          </li>
        ))}
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
