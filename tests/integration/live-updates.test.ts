/**
 * GET /updates through the gateway: server-sent events from customercenter, streamed
 * through both sidecars (Dapr streams an invocation that accepts text/event-stream), so a
 * MyPage row changes on the page as the events of its order arrive, without polling.
 */
import { admin, registerBook, signUpCustomer, TestCustomer } from '../support/auth';
import { gateway } from '../support/gateway';
import { placeOrder } from '../support/orders';

interface Received {
  event: string;
  data: unknown;
  at: number;
}

/** An open stream: the events so far, a wait for one that matches, and its end. */
function open(bearer: string | undefined) {
  const abort = new AbortController();
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  const response = fetch(`${process.env.GATEWAY_URL}/updates`, {
    headers: { ...(bearer ? { Authorization: bearer } : {}), Accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const reading = response.then(async (r) => {
    if (!r.ok || !r.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event) received.push({ event, data: data ? JSON.parse(data) : undefined, at: Date.now() });
          waiters.splice(0).forEach((wake) => wake());
        }
      }
    } catch {
      // aborted
    }
  });
  return {
    response,
    received,
    async next(accept: (r: Received) => boolean, timeoutMs = 20_000): Promise<Received | undefined> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(accept);
        if (found || Date.now() > deadline) return found;
        await new Promise<void>((wake) => {
          waiters.push(wake);
          setTimeout(wake, 250);
        });
      }
    },
    async close() {
      abort.abort();
      await reading;
    },
  };
}

const rowOf = (orderId: string, status: string) => (r: Received) =>
  r.event === 'mypage' && (r.data as { orderId: string; status: string }).orderId === orderId && (r.data as { status: string }).status === status;

let alice: TestCustomer;
let bob: TestCustomer;
beforeAll(async () => {
  [alice, bob] = await Promise.all([signUpCustomer('Alice'), signUpCustomer('Bob')]);
});

describe('GET /updates (server-sent events)', () => {
  it("when an order is placed and cancelled, then its customer's stream carries each new status of its MyPage row, and another customer's carries none", async () => {
    const mine = open(alice.bearer);
    const theirs = open(bob.bearer);
    try {
      expect((await mine.response).headers.get('content-type')).toContain('text/event-stream');
      expect(await mine.next((r) => r.event === 'ready')).toBeDefined();
      expect(await theirs.next((r) => r.event === 'ready')).toBeDefined();
      const book = await registerBook({ stock: 2 });
      const order = await placeOrder(alice, book.bookId);
      const started = await mine.next(rowOf(order.orderId, 'DeliveryStarted'));
      expect(started?.data).toMatchObject({
        orderId: order.orderId,
        customerId: alice.customerId,
        bookId: book.bookId,
        status: 'DeliveryStarted',
        deliveryId: expect.any(String),
      });
      expect((await gateway().post(`/orders/${order.orderId}/cancel`).set('Authorization', alice.bearer)).status).toBe(200);
      expect(await mine.next(rowOf(order.orderId, 'DeliveryCancelled'))).toBeDefined();
      expect(theirs.received.filter((r) => r.event === 'mypage')).toEqual([]);
    } finally {
      await Promise.all([mine.close(), theirs.close()]);
    }
  });

  it('when a book is registered, then an open stream is told a notification arrived', async () => {
    const mine = open(alice.bearer);
    try {
      expect(await mine.next((r) => r.event === 'ready')).toBeDefined();
      await registerBook({ title: 'Live news' });
      expect(await mine.next((r) => r.event === 'notification')).toBeDefined();
    } finally {
      await mine.close();
    }
  });

  it('when no customer token is sent, then the answer is 401 (an admin 403), and no stream opens', async () => {
    const anonymous = await gateway().get('/updates').set('Accept', 'text/event-stream');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    const asAdmin = await gateway()
      .get('/updates')
      .set('Authorization', await admin())
      .set('Accept', 'text/event-stream');
    expect(asAdmin.status).toBe(403);
  });
});
