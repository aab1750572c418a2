import { useEffect, useState } from 'preact/hooks';
import { api, describe, MyPage, MyPageStatus, Page, Session, won } from '../api';
import { onLive } from '../live';
import { Message, More, when } from './parts';

const LABELS: Record<MyPageStatus, string> = {
  Ordered: 'Ordered',
  DeliveryStarted: 'Delivery started',
  OutOfStocked: 'Out of stock',
  OrderCancelled: 'Cancelled',
  DeliveryCancelled: 'Delivery cancelled',
};

const cancellable = (status: MyPageStatus): boolean => status === 'Ordered' || status === 'DeliveryStarted';

/** Newest first, as the list comes: a row pushed live replaces its old self, or goes on top. */
function merge(rows: MyPage[], row: MyPage): MyPage[] {
  const at = rows.findIndex((r) => r.orderId === row.orderId);
  if (at < 0) return [row, ...rows];
  if (rows[at]!.updatedAt > row.updatedAt) return rows; // an older push arriving late
  return rows.map((r, i) => (i === at ? row : r));
}

export function MyPages({ session }: { session: Session }) {
  const [rows, setRows] = useState<MyPage[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: 'error' | 'success' | 'info' }>({ text: '', tone: 'info' });

  const load = async (after?: string) => {
    try {
      const page = await api<Page<MyPage>>('GET', '/myPages', { session, query: { cursor: after, limit: '20' } });
      setRows((shown) => (after ? [...shown, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (failure) {
      setMessage({ text: describe(failure), tone: 'error' });
    }
  };
  useEffect(() => void load(), []);
  useEffect(
    () =>
      onLive((event) => {
        if (event.kind === 'mypage') setRows((shown) => merge(shown, event.row));
        // After a reconnect, what happened meanwhile is read again.
        if (event.kind === 'ready') void load();
      }),
    [],
  );

  const cancel = async (row: MyPage) => {
    try {
      await api('POST', `/orders/${encodeURIComponent(row.orderId)}/cancel`, { session });
      setMessage({ text: `Order ${row.orderId} is cancelled; its delivery will be cancelled too.`, tone: 'success' });
    } catch (failure) {
      setMessage({ text: describe(failure), tone: 'error' });
    }
  };

  return (
    <section>
      <h1 tabIndex={-1}>MyPage</h1>
      <p class="hint">Each order's status updates here as it changes.</p>
      <Message text={message.text} tone={message.tone} />
      {rows.length === 0 ? <p>No orders yet.</p> : null}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Your orders</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Book</th>
              <th scope="col">Copies</th>
              <th scope="col">Price</th>
              <th scope="col">Status</th>
              <th scope="col">Updated</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.orderId} data-order={row.orderId}>
                <th scope="row" class="id">
                  {row.orderId}
                </th>
                <td class="id">{row.bookId}</td>
                <td>{row.qty}</td>
                <td>{won(row.price)}</td>
                <td>
                  <span class="status" data-status={row.status}>
                    {LABELS[row.status]}
                  </span>
                </td>
                <td>{when(row.updatedAt)}</td>
                <td>
                  <button
                    type="button"
                    class="secondary"
                    disabled={!cancellable(row.status)}
                    onClick={() => void cancel(row)}
                    aria-label={`Cancel order ${row.orderId}`}
                  >
                    Cancel
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More cursor={cursor} onMore={() => void load(cursor ?? undefined)} label="More orders" />
    </section>
  );
}
