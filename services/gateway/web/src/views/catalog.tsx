import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, Book, describe, Order, Page, Session, won } from '../api';
import { Message, More } from './parts';

const PAGE_SIZE = '12';

/** What an order attempt came to, worded for the customer. */
function orderOutcome(error: unknown): { text: string; tone: 'error' | 'info' } {
  if (error instanceof ApiError && error.kind === 'out-of-stock') {
    return {
      text: "Not enough copies in stock: the order is recorded as out of stock, and you'll get a notification when the book is restocked.",
      tone: 'info',
    };
  }
  if (error instanceof ApiError && error.status === 503) {
    return { text: `The stock service is busy; no order was placed. Try again in ${error.retryAfter ?? 5} s.`, tone: 'error' };
  }
  return { text: describe(error), tone: 'error' };
}

export function Catalog({ session }: { session: Session | null }) {
  const [query, setQuery] = useState('');
  const [books, setBooks] = useState<Book[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');

  const load = async (q: string, after?: string) => {
    try {
      const page = await api<Page<Book>>('GET', '/books', { query: { q, limit: PAGE_SIZE, cursor: after } });
      setBooks((shown) => (after ? [...shown, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError('');
    } catch (failure) {
      setError(describe(failure));
    }
  };
  useEffect(() => void load(''), []);

  const search = (event: Event) => {
    event.preventDefault();
    void load(query);
  };

  return (
    <section>
      <h1 tabIndex={-1}>Books</h1>
      <form role="search" onSubmit={search} class="search">
        <label for="q">Search by title or author</label>
        <input id="q" type="search" value={query} onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} maxLength={200} />
        <button type="submit">Search</button>
      </form>
      <Message text={error} tone="error" />
      {books.length === 0 && !error ? <p>No books found.</p> : null}
      <ul class="books" aria-label="Books">
        {books.map((book) => (
          <BookCard key={book.bookId} book={book} session={session} />
        ))}
      </ul>
      <More cursor={cursor} onMore={() => void load(query, cursor ?? undefined)} label="More books" />
    </section>
  );
}

function BookCard({ book, session }: { book: Book; session: Session | null }) {
  const [qty, setQty] = useState('1');
  const [stock, setStock] = useState(book.stock);
  const [outcome, setOutcome] = useState<{ text: string; tone: 'error' | 'info' | 'success' }>({ text: '', tone: 'info' });
  const [busy, setBusy] = useState(false);
  const qtyId = `qty-${book.bookId}`;

  const order = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      // One key per attempt: a retry of this very request (a lost answer) places it once.
      const placed = await api<Order>('POST', '/orders', { session, body: { bookId: book.bookId, qty }, idempotencyKey: crypto.randomUUID() });
      setStock((s) => Math.max(0, s - placed.qty));
      setOutcome({ text: `Ordered ${placed.qty} × “${book.title}” for ${won(placed.price)}. Follow it on MyPage.`, tone: 'success' });
    } catch (failure) {
      setOutcome(orderOutcome(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="card book" aria-labelledby={`title-${book.bookId}`}>
      <h2 id={`title-${book.bookId}`}>{book.title}</h2>
      <p class="author">{book.author || 'Unknown author'}</p>
      <p>
        <span class="price">{won(book.price)}</span> · <span class="stock">{stock > 0 ? `${stock} in stock` : 'Out of stock'}</span>
      </p>
      {session?.role === 'customer' ? (
        <form onSubmit={order} class="order">
          <label for={qtyId}>Copies</label>
          <input
            id={qtyId}
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            value={qty}
            onInput={(e) => setQty((e.currentTarget as HTMLInputElement).value)}
            required
          />
          <button type="submit" disabled={busy} aria-describedby={`title-${book.bookId}`}>
            Order
          </button>
        </form>
      ) : null}
      <Message text={outcome.text} tone={outcome.tone} />
    </li>
  );
}
