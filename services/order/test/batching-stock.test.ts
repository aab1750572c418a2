import { SidecarError } from '@bookstore/runtime';
import { ReserveRequest, ReserveResult } from '@bookstore/contracts';
import { ANSWER_MARGIN_MS, BatchingBookStock, MOVED_ACTOR_PAUSE_MS } from '../src/adapters/outbound/stock-reservations';

/** A book actor that answers batches when told to, keeping what it was sent. */
function actor() {
  const batches: Array<{ bookId: string; reservations: ReserveRequest[]; answer(results: ReserveResult[]): void; fail(e: Error): void }> = [];
  const send = (bookId: string, reservations: ReserveRequest[]) =>
    new Promise<ReserveResult[]>((answer, fail) => batches.push({ bookId, reservations, answer, fail }));
  return { batches, send };
}

const ok: ReserveResult = { ok: true, unitPrice: 100, stock: 1 };
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('batching reservations per book', () => {
  it('when an order comes alone, then it goes at once as a batch of one', async () => {
    const { batches, send } = actor();
    const stock = new BatchingBookStock(send, 3_000);
    const result = stock.reserve('b1', 'o1', 1);
    await flush();
    expect(batches.map((b) => b.reservations)).toEqual([[{ orderId: 'o1', qty: 1 }]]);
    batches[0]!.answer([ok]);
    expect(await result).toEqual({ kind: 'reserved', unitPrice: 100 });
  });

  it('when orders arrive while a call is under way, then they go together in the next call, each with its own answer', async () => {
    const { batches, send } = actor();
    const stock = new BatchingBookStock(send, 3_000);
    const first = stock.reserve('b1', 'o1', 1);
    const second = stock.reserve('b1', 'o2', 1);
    const third = stock.reserve('b1', 'o3', 2);
    const other = stock.reserve('b2', 'o4', 1);
    await flush();
    expect(batches.map((b) => [b.bookId, b.reservations.map((r) => r.orderId)])).toEqual([
      ['b1', ['o1']],
      ['b2', ['o4']],
    ]);
    batches[0]!.answer([{ ...ok, stock: 5 }]);
    await first;
    await flush();
    expect(batches[2]!.reservations.map((r) => r.orderId)).toEqual(['o2', 'o3']);
    batches[2]!.answer([ok, { ok: false, error: 'OUT_OF_STOCK', unitPrice: 100, stock: 1 }]);
    expect(await second).toEqual({ kind: 'reserved', unitPrice: 100 });
    expect(await third).toEqual({ kind: 'out-of-stock', unitPrice: 100 });
    batches[1]!.fail(new Error('down'));
    expect((await other).kind).toBe('unavailable');
  });

  it('when an order waits past its budget, then it is unavailable and is never sent', async () => {
    jest.useFakeTimers();
    try {
      const { batches, send } = actor();
      const stock = new BatchingBookStock(send, 3_000);
      const first = stock.reserve('b1', 'o1', 1);
      const queued = stock.reserve('b1', 'o2', 1);
      jest.advanceTimersByTime(3_001);
      expect((await first).kind).toBe('unavailable');
      expect((await queued).kind).toBe('unavailable');
      batches[0]!.answer([ok]); // the first call comes back late: its order already gave up
      await Promise.resolve();
      await Promise.resolve();
      expect(batches.flatMap((b) => b.reservations.map((r) => r.orderId))).toEqual(['o1']);
    } finally {
      jest.useRealTimers();
    }
  });

  it("when the caller's deadline is past, or too near for an answer to come back in time, then the book is not asked at all", async () => {
    const { batches, send } = actor();
    const stock = new BatchingBookStock(send, 3_000);
    expect((await stock.reserve('b1', 'o1', 1, Date.now() - 1)).kind).toBe('unavailable');
    expect((await stock.reserve('b1', 'o2', 1, Date.now() + ANSWER_MARGIN_MS - 50)).kind).toBe('unavailable');
    await flush();
    expect(batches).toEqual([]);
  });

  it('when a deadline comes with the order, then the book is told to take nothing after it (less the time an answer needs)', async () => {
    const { batches, send } = actor();
    const stock = new BatchingBookStock(send, 3_000);
    const deadline = Date.now() + 2_000;
    const result = stock.reserve('b1', 'o1', 1, deadline);
    await flush();
    expect(batches[0]!.reservations).toEqual([{ orderId: 'o1', qty: 1, deadline: deadline - ANSWER_MARGIN_MS }]);
    batches[0]!.answer([{ ok: false, error: 'DEADLINE_PASSED' }]);
    expect((await result).kind).toBe('unavailable');
  });

  it('when the deadline comes before the budget while waiting behind a call, then the order gives up then and is never sent', async () => {
    jest.useFakeTimers();
    try {
      const { batches, send } = actor();
      const stock = new BatchingBookStock(send, 3_000);
      void stock.reserve('b1', 'o1', 1);
      const queued = stock.reserve('b1', 'o2', 1, Date.now() + 800);
      jest.advanceTimersByTime(801);
      expect((await queued).kind).toBe('unavailable');
      batches[0]!.answer([ok]);
      await Promise.resolve();
      await Promise.resolve();
      expect(batches.flatMap((b) => b.reservations.map((r) => r.orderId))).toEqual(['o1']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('when a turn leaves too few copies, then the orders that waited through it and want more are answered out of stock without a turn', async () => {
    const { batches, send } = actor();
    const stock = new BatchingBookStock(send, 3_000);
    const first = stock.reserve('b1', 'o1', 1);
    const wantsTwo = stock.reserve('b1', 'o2', 2);
    const wantsOne = stock.reserve('b1', 'o3', 1);
    await flush();
    batches[0]!.answer([{ ok: true, unitPrice: 100, stock: 1 }]);
    await first;
    expect(await wantsTwo).toEqual({ kind: 'out-of-stock', unitPrice: 100 });
    await flush();
    // The one that still fits goes to the book: only the book decides that an order gets copies.
    expect(batches.map((b) => b.reservations.map((r) => r.orderId))).toEqual([['o1'], ['o3']]);
    batches[1]!.answer([ok]);
    expect((await wantsOne).kind).toBe('reserved');
  });

  it('when an order arrives after the turn that sold out, then it is asked of the book, which may have been restocked', async () => {
    const { batches, send } = actor();
    const stock = new BatchingBookStock(send, 3_000);
    const first = stock.reserve('b1', 'o1', 1);
    await flush();
    batches[0]!.answer([{ ok: false, error: 'OUT_OF_STOCK', unitPrice: 100, stock: 0 }]);
    await first;
    await flush();
    const later = stock.reserve('b1', 'o2', 1);
    await flush();
    expect(batches).toHaveLength(2);
    batches[1]!.answer([ok]);
    expect((await later).kind).toBe('reserved');
  });

  describe('when the book has moved (its pod left: the sidecar refused the connection)', () => {
    const refused = () =>
      new SidecarError(
        'ERR_ACTOR_INVOKE_METHOD: failed to invoke target 198.18.0.48:50002: dial tcp 198.18.0.48:50002: connect: connection refused',
        500,
        'ERR_ACTOR_INVOKE_METHOD',
      );
    const settle = async (ms: number) => {
      await jest.advanceTimersByTimeAsync(ms);
      await flush();
    };
    afterEach(() => jest.useRealTimers());

    it("then the same batch is sent again after a pause, and its answer is the order's", async () => {
      jest.useFakeTimers({ doNotFake: ['setImmediate'] });
      const { batches, send } = actor();
      const stock = new BatchingBookStock(send, 3_000);
      const result = stock.reserve('b1', 'o1', 1);
      await settle(0);
      batches[0]!.fail(refused());
      await settle(MOVED_ACTOR_PAUSE_MS - 1);
      expect(batches).toHaveLength(1);
      await settle(1);
      expect(batches.map((b) => b.reservations)).toEqual([[{ orderId: 'o1', qty: 1 }], [{ orderId: 'o1', qty: 1 }]]);
      batches[1]!.answer([ok]);
      expect(await result).toEqual({ kind: 'reserved', unitPrice: 100 });
    });

    it('then after three refusals the order is unavailable', async () => {
      jest.useFakeTimers({ doNotFake: ['setImmediate'] });
      const { batches, send } = actor();
      const stock = new BatchingBookStock(send, 3_000);
      const result = stock.reserve('b1', 'o1', 1);
      for (let attempt = 1; attempt <= 3; attempt++) {
        await settle(MOVED_ACTOR_PAUSE_MS * attempt);
        batches[attempt - 1]!.fail(refused());
      }
      await settle(2_000);
      expect(batches).toHaveLength(3);
      expect(await result).toMatchObject({ kind: 'unavailable', reason: expect.stringContaining('connection refused') });
    });

    it('then any other failure is not sent again', async () => {
      jest.useFakeTimers({ doNotFake: ['setImmediate'] });
      const { batches, send } = actor();
      const stock = new BatchingBookStock(send, 3_000);
      const result = stock.reserve('b1', 'o1', 1);
      await settle(0);
      batches[0]!.fail(new SidecarError('ERR_ACTOR_INVOKE_METHOD: circuit breaker is open', 500, 'ERR_ACTOR_INVOKE_METHOD'));
      await settle(2_000);
      expect(batches).toHaveLength(1);
      expect((await result).kind).toBe('unavailable');
    });
  });
});
