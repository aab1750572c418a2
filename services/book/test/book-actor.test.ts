import { ActorContext, ActorState, Logger, ProblemError, Sidecar, StateOperation } from '@bookstore/runtime';
import { BOOK_ACTOR_TYPE, LIMITS } from '@bookstore/contracts';
import { bookActor, bookActorType } from '../src/adapters/inbound/book-actor';
import { OrderFates } from '../src/domain/ports';
import { OrderFate } from '../src/domain/reservation';
import { MemoryCatalog } from './fakes';

/** The sidecar calls actor state makes, over memory (ETags not checked), counted; commits can be made to fail. */
class FakeActorSidecar {
  readonly stored = new Map<string, unknown>();
  failNextCommit = false;
  /** Read calls (single or bulk), commits, and what the last commit wrote. */
  reads = 0;
  commits = 0;
  lastCommit: { keys: number; bytes: number } = { keys: 0, bytes: 0 };

  async getVersionedState<T>(_store: string, key: string): Promise<{ value: T; etag: string } | undefined> {
    this.reads += 1;
    return this.stored.has(key) ? { value: structuredClone(this.stored.get(key)) as T, etag: 'e' } : undefined;
  }

  async getBulkState<T>(_store: string, keys: string[]): Promise<Map<string, { value: T; etag: string }>> {
    this.reads += 1;
    const found = new Map<string, { value: T; etag: string }>();
    for (const key of keys) if (this.stored.has(key)) found.set(key, { value: structuredClone(this.stored.get(key)) as T, etag: 'e' });
    return found;
  }

  async transact(_store: string, operations: StateOperation[]): Promise<void> {
    if (this.failNextCommit) {
      this.failNextCommit = false;
      throw new Error('commit failed');
    }
    this.commits += 1;
    this.lastCommit = { keys: operations.length, bytes: JSON.stringify(operations).length };
    for (const op of operations) {
      if (op.operation === 'upsert') this.stored.set(op.request.key, structuredClone(op.request.value));
      else this.stored.delete(op.request.key);
    }
  }
}

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** The order service, as a table of fates; `undefined` answers like an unreachable service. */
class TableOfFates implements OrderFates {
  readonly fates = new Map<string, OrderFate | undefined>();
  async fateOf(orderId: string): Promise<OrderFate> {
    const fate = this.fates.get(orderId);
    if (!fate) throw new Error('order service unreachable');
    return fate;
  }
}

interface Activation {
  turn(method: string, body: unknown): Promise<unknown>;
  remind(): Promise<void>;
  reminders: string[];
  emitted: Array<{ topic: string; eventId: string; data: unknown }>;
}

/** One activation of a book actor, with turns run as the actor host runs them. */
function activate(sidecar: FakeActorSidecar, catalog: MemoryCatalog, fates: OrderFates = new TableOfFates()): Activation['turn'] & Activation {
  const state = new ActorState(sidecar as unknown as Sidecar, 'statestore', BOOK_ACTOR_TYPE, 'b1');
  const context: ActorContext = {
    type: BOOK_ACTOR_TYPE,
    id: 'b1',
    state,
    log: silent,
    setReminder: async (name) => void reminders.push(`set ${name}`),
    deleteReminder: async (name) => void reminders.push(`delete ${name}`),
    emit: (contract, data, eventId) => void emitted.push({ topic: contract.topic, eventId, data }),
  };
  const reminders: string[] = [];
  const emitted: Activation['emitted'] = [];
  const actor = bookActor(context, catalog, fates, { graceMs: 0, periodSeconds: 5 });
  const inTurn = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      const result = await work();
      await state.commit();
      return result;
    } catch (error) {
      state.discard();
      throw error;
    }
  };
  const turn = (method: string, body: unknown): Promise<unknown> => inTurn(() => actor.methods[method]!(body));
  return Object.assign(turn, { turn, reminders, emitted, remind: () => inTurn(() => actor.onReminder!('settle-holds', undefined)) });
}

const registration = { title: 'T', author: 'A', price: 1000, stock: 5, registeredAt: '2026-01-01T00:00:00.000Z' };

describe('the BookActor and its catalog row', () => {
  it("when the actor type is registered, then it carries the contract's type name", () => {
    expect(bookActorType(new MemoryCatalog(), new TableOfFates(), { graceMs: 0, periodSeconds: 5 }).type).toBe('BookActor');
  });

  it('when a book is registered and reserved, then its catalog row follows the stock', async () => {
    const catalog = new MemoryCatalog();
    const turn = activate(new FakeActorSidecar(), catalog);
    await turn('register', registration);
    expect(catalog.rows.get('b1')?.stock).toBe(5);
    await turn('reserve', { orderId: 'o1', qty: 2 });
    expect(catalog.rows.get('b1')?.stock).toBe(3);
    await turn('release', { orderId: 'o1' });
    expect(catalog.rows.get('b1')?.stock).toBe(5);
    await turn('restock', { restockId: 'r1', qty: 4 });
    expect(catalog.rows.get('b1')?.stock).toBe(9);
  });

  it("when a turn's commit fails after its row was written, then the next turn puts the committed stock back in the row", async () => {
    const catalog = new MemoryCatalog();
    const sidecar = new FakeActorSidecar();
    const turn = activate(sidecar, catalog);
    await turn('register', registration);
    sidecar.failNextCommit = true;
    await expect(turn('reserve', { orderId: 'o1', qty: 2 })).rejects.toThrow('commit failed');
    expect(catalog.rows.get('b1')?.stock).toBe(3); // ahead of the truth for now
    await turn('get', {});
    expect(catalog.rows.get('b1')?.stock).toBe(5);
  });

  it('when the process died between the row write and the commit, then the next activation rewrites the row', async () => {
    const catalog = new MemoryCatalog();
    const sidecar = new FakeActorSidecar();
    await activate(sidecar, catalog)('register', registration);
    await catalog.put({ bookId: 'b1', title: 'T', author: 'A', price: 1000, stock: 1 }); // the dead turn's row
    await activate(sidecar, catalog)('get', {});
    expect(catalog.rows.get('b1')?.stock).toBe(5);
  });

  it('when a registration is retried after its answer was lost, then it answers the book, not an error', async () => {
    const turn = activate(new FakeActorSidecar(), new MemoryCatalog());
    await turn('register', registration);
    expect(await turn('register', registration)).toEqual({ ok: true, book: { bookId: 'b1', ...registration }, replayed: true });
  });

  it('when an order is released before its reservation arrives, then the reservation takes nothing', async () => {
    const turn = activate(new FakeActorSidecar(), new MemoryCatalog());
    await turn('register', registration);
    expect(await turn('release', { orderId: 'o1' })).toEqual({ ok: true, released: 0, stock: 5 });
    expect(await turn('reserve', { orderId: 'o1', qty: 2 })).toEqual({ ok: false, error: 'ORDER_RELEASED' });
    expect(await turn('get', {})).toEqual({ ok: true, book: expect.objectContaining({ stock: 5 }) });
  });

  it('when the same restock comes twice, then copies are added once and the first answer repeats', async () => {
    const turn = activate(new FakeActorSidecar(), new MemoryCatalog());
    await turn('register', registration);
    const first = await turn('restock', { restockId: 'r1', qty: 3 });
    await turn('reserve', { orderId: 'o1', qty: 1 });
    expect(await turn('restock', { restockId: 'r1', qty: 3 })).toEqual({ ...(first as object), replayed: true });
    expect(await turn('get', {})).toEqual({ ok: true, book: expect.objectContaining({ stock: 7 }) });
  });

  it('when the catalog cannot be written, then the turn still succeeds and a later turn writes the row', async () => {
    const catalog = new MemoryCatalog();
    const put = jest.spyOn(catalog, 'put').mockRejectedValueOnce(new Error('redis down'));
    const turn = activate(new FakeActorSidecar(), catalog);
    await expect(turn('register', registration)).resolves.toMatchObject({ ok: true });
    expect(catalog.rows.has('b1')).toBe(false);
    await turn('get', {});
    expect(catalog.rows.get('b1')?.stock).toBe(5);
    put.mockRestore();
  });
});

describe('the BookActor holding copies until their order is settled', () => {
  async function withHold(fates: TableOfFates) {
    const sidecar = new FakeActorSidecar();
    const actor = activate(sidecar, new MemoryCatalog(), fates);
    await actor('register', registration);
    await actor('reserve', { orderId: 'o1', qty: 2 });
    return actor;
  }

  it('when copies are reserved, then they are held and the settle reminder is set once', async () => {
    const actor = await withHold(new TableOfFates());
    await actor('reserve', { orderId: 'o2', qty: 1 });
    expect(actor.reminders).toEqual(['set settle-holds']);
    expect(((await actor('get', {})) as { book: { stock: number } }).book.stock).toBe(2);
  });

  it('when the order is confirmed (Ordered), then the hold is settled, and the reminder removes itself when it next finds nothing held', async () => {
    const actor = await withHold(new TableOfFates());
    expect(await actor('confirm', { orderId: 'o1' })).toEqual({ ok: true, confirmed: true });
    expect(await actor('confirm', { orderId: 'o1' })).toEqual({ ok: true, confirmed: false });
    await actor('reserve', { orderId: 'o2', qty: 1 });
    await actor('confirm', { orderId: 'o2' });
    expect(actor.reminders).toEqual(['set settle-holds']); // holds came and went: no set/delete per order
    await actor.remind();
    expect(actor.reminders).toEqual(['set settle-holds', 'delete settle-holds']);
  });

  it.each<[OrderFate, number]>([
    ['Failed', 5],
    ['Unknown', 5],
    ['OutOfStocked', 5],
    ['Ordered', 3],
    ['Pending', 3],
  ])('when the reminder finds the order %s, then the stock ends at %p', async (fate, stock) => {
    const fates = new TableOfFates();
    fates.fates.set('o1', fate);
    const actor = await withHold(fates);
    await actor.remind();
    expect(((await actor('get', {})) as { book: { stock: number } }).book.stock).toBe(stock);
    const settled = fate !== 'Pending';
    expect(actor.reminders.includes('delete settle-holds')).toBe(settled);
  });

  it('when the order service cannot be asked, then the hold waits for the next reminder', async () => {
    const actor = await withHold(new TableOfFates());
    await actor.remind();
    expect(((await actor('get', {})) as { book: { stock: number } }).book.stock).toBe(3);
    expect(actor.reminders).toEqual(['set settle-holds']);
  });

  it("when a released order's reservation arrives late, then it takes nothing", async () => {
    const fates = new TableOfFates();
    fates.fates.set('o1', 'Failed');
    const actor = await withHold(fates);
    await actor.remind();
    expect(await actor('reserve', { orderId: 'o1', qty: 2 })).toEqual({ ok: false, error: 'ORDER_RELEASED' });
  });
});

describe('the BookActor serving a batch of reservations in one turn', () => {
  it('when several orders come in one batch, then they are taken in order, each answered, in one commit', async () => {
    const sidecar = new FakeActorSidecar();
    const actor = activate(sidecar, new MemoryCatalog());
    await actor('register', registration);
    const answer = (await actor('reserveMany', {
      reservations: [
        { orderId: 'a', qty: 2 },
        { orderId: 'b', qty: 2 },
        { orderId: 'c', qty: 2 },
        { orderId: 'a', qty: 2 },
      ],
    })) as { results: Array<{ ok: boolean; error?: string }> };
    expect(answer.results.map((r) => (r.ok ? 'ok' : r.error))).toEqual(['ok', 'ok', 'OUT_OF_STOCK', 'ok']);
    expect(((await actor('get', {})) as { book: { stock: number } }).book.stock).toBe(1);
    expect(actor.reminders).toEqual(['set settle-holds']);
  });
});

describe('the BookActor announcing what it did, with its turn', () => {
  it('when a book is registered and restocked, then BookRegistered and StockIncreased are emitted with ids that follow from them', async () => {
    const actor = activate(new FakeActorSidecar(), new MemoryCatalog());
    await actor('register', registration);
    await actor('register', registration); // a retry: nothing new to announce
    await actor('restock', { restockId: 'r1', qty: 3 });
    await actor('restock', { restockId: 'r1', qty: 3 });
    expect(actor.emitted).toEqual([
      { topic: 'BookRegistered', eventId: 'BookRegistered-b1', data: { bookId: 'b1', ...registration } },
      { topic: 'StockIncreased', eventId: 'StockIncreased-b1-r1', data: { bookId: 'b1', added: 3, stock: 8 } },
    ]);
  });
});

describe('the BookActor refusing bodies that break its contract (any local process can call it)', () => {
  const refused = async (method: string, body: unknown): Promise<void> => {
    const sidecar = new FakeActorSidecar();
    const catalog = new MemoryCatalog();
    const actor = activate(sidecar, catalog);
    await actor('register', registration);
    await actor('reserve', { orderId: 'o0', qty: 1 });
    const before = structuredClone([...sidecar.stored]);
    const emittedBefore = actor.emitted.length;
    const error = await actor(method, body).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).httpStatus).toBe(400);
    expect([...sidecar.stored]).toEqual(before);
    expect(actor.emitted).toHaveLength(emittedBefore);
    expect(catalog.rows.get('b1')?.stock).toBe(4);
  };

  it.each([
    ['restock', 'a negative quantity', { restockId: 'r1', qty: -1000 }],
    ['restock', 'a zero quantity', { restockId: 'r1', qty: 0 }],
    ['restock', 'a fractional quantity', { restockId: 'r1', qty: 1.5 }],
    ['restock', 'an unsafe quantity', { restockId: 'r1', qty: 2 ** 53 + 1 }],
    ['restock', 'a quantity as a string', { restockId: 'r1', qty: '5' }],
    ['restock', 'a restockId with NUL', { restockId: 'r\u0000', qty: 1 }],
    ['restock', 'no body', undefined],
    ['reserve', 'a negative quantity (which would add stock)', { orderId: 'o1', qty: -3 }],
    ['reserve', 'a quantity over 100', { orderId: 'o1', qty: 101 }],
    ['reserve', 'an orderId like %00', { orderId: '%00', qty: 1 }],
    [
      'reserveMany',
      'one bad reservation among good ones',
      {
        reservations: [
          { orderId: 'o1', qty: 1 },
          { orderId: 'o2', qty: -1 },
        ],
      },
    ],
    ['reserveMany', 'reservations that are not a list', { reservations: 'o1' }],
    ['release', 'an orderId that is a number', { orderId: 7 }],
    ['confirm', 'an empty orderId', { orderId: '' }],
    ['confirmMany', 'no orders', { orderIds: [] }],
    ['confirmMany', 'more orders than one turn takes', { orderIds: Array.from({ length: 101 }, (_, i) => `o${i}`) }],
    ['releaseMany', 'an orderId that is a number among good ones', { orderIds: ['o0', 7] }],
    ['releaseMany', 'orderIds that are not a list', { orderIds: 'o0' }],
    ['register', 'a bidi override in the title', { ...registration, title: 'abc\u202Etxt' }],
    ['register', 'a negative price', { ...registration, price: -1 }],
    ['register', 'a price above the bound', { ...registration, price: 1e10 }],
    ['register', 'a registeredAt that is not a time', { ...registration, registeredAt: 'now' }],
  ])('when %s is called with %s, then it is refused as a 400 and nothing changes', async (method, _why, body) => {
    await refused(method, body);
  });

  it('when a restock would take the stock past its bound, then nothing is added', async () => {
    const actor = activate(new FakeActorSidecar(), new MemoryCatalog());
    await actor('register', { ...registration, stock: LIMITS.maxStock });
    expect(await actor('restock', { restockId: 'r1', qty: 1 })).toEqual({ ok: false, error: 'STOCK_LIMIT' });
    expect(await actor('get', {})).toMatchObject({ ok: true, book: { stock: LIMITS.maxStock } });
    expect(actor.emitted.map((e) => e.topic)).toEqual(['BookRegistered']);
  });
});

const stockOf = async (actor: Activation['turn']): Promise<number> => ((await actor('get', {})) as { book: { stock: number } }).book.stock;
const reservations = (orderIds: string[], qty = 1) => ({ reservations: orderIds.map((orderId) => ({ orderId, qty })) });

describe('the BookActor settling a batch of orders in one turn', () => {
  it('when a batch of Ordered orders is confirmed, then each held order is confirmed once, and the reminder goes once none is held', async () => {
    const actor = activate(new FakeActorSidecar(), new MemoryCatalog());
    await actor('register', registration);
    await actor('reserveMany', {
      reservations: [
        { orderId: 'a', qty: 1 },
        { orderId: 'b', qty: 2 },
        { orderId: 'c', qty: 1 },
      ],
    });
    expect(await actor('confirmMany', { orderIds: ['a', 'b', 'a', 'unknown'] })).toEqual({ ok: true, confirmed: 2 });
    expect(await actor('confirmMany', { orderIds: ['a'] })).toEqual({ ok: true, confirmed: 0 });
    await actor.remind(); // c is still held (its fate unknown: it waits)
    expect(actor.reminders).toEqual(['set settle-holds']);
    expect(await actor('confirmMany', { orderIds: ['c'] })).toEqual({ ok: true, confirmed: 1 });
    await actor.remind();
    expect(actor.reminders).toEqual(['set settle-holds', 'delete settle-holds']);
  });

  it("when a batch of cancellations is released, then each order's copies come back once, held or confirmed, and a never-reserved one takes nothing later", async () => {
    const actor = activate(new FakeActorSidecar(), new MemoryCatalog());
    await actor('register', registration);
    await actor('reserveMany', {
      reservations: [
        { orderId: 'a', qty: 1 },
        { orderId: 'b', qty: 2 },
        { orderId: 'c', qty: 1 },
      ],
    });
    await actor('confirmMany', { orderIds: ['b'] });
    expect(await actor('releaseMany', { orderIds: ['b', 'c', 'never', 'c'] })).toEqual({ ok: true, released: 3, stock: 4 });
    expect(await actor('releaseMany', { orderIds: ['b', 'c'] })).toEqual({ ok: true, released: 0, stock: 4 });
    expect(await actor('reserve', { orderId: 'never', qty: 1 })).toEqual({ ok: false, error: 'ORDER_RELEASED' });
    expect(await stockOf(actor)).toBe(4);
    expect(await actor('confirmMany', { orderIds: ['a'] })).toEqual({ ok: true, confirmed: 1 });
    await actor.remind();
    expect(actor.reminders).toEqual(['set settle-holds', 'delete settle-holds']);
  });

  it('when the book is unknown, then a batch answers BOOK_NOT_FOUND and writes nothing', async () => {
    const sidecar = new FakeActorSidecar();
    const actor = activate(sidecar, new MemoryCatalog());
    expect(await actor('confirmMany', { orderIds: ['a'] })).toEqual({ ok: false, error: 'BOOK_NOT_FOUND' });
    expect(await actor('releaseMany', { orderIds: ['a'] })).toEqual({ ok: false, error: 'BOOK_NOT_FOUND' });
    expect(sidecar.stored.size).toBe(0);
  });

  it('when the reminder finds more due holds than one turn settles, then it settles them over several firings, oldest first', async () => {
    const fates = new TableOfFates();
    const ids = Array.from({ length: 150 }, (_, i) => `o${String(i).padStart(3, '0')}`);
    ids.forEach((orderId, i) => fates.fates.set(orderId, i % 3 === 0 ? 'Failed' : 'Ordered'));
    const actor = activate(new FakeActorSidecar(), new MemoryCatalog(), fates);
    await actor('register', { ...registration, stock: 1_000 });
    await actor('reserveMany', reservations(ids.slice(0, 100)));
    await actor('reserveMany', reservations(ids.slice(100)));
    await actor.remind();
    expect(await stockOf(actor)).toBe(1_000 - 150 + 34); // o000..o099: every third released
    expect(actor.reminders).toEqual(['set settle-holds']);
    await actor.remind();
    expect(await stockOf(actor)).toBe(1_000 - 150 + 50);
    expect(actor.reminders).toEqual(['set settle-holds', 'delete settle-holds']);
  });
});

describe("the BookActor's cost per turn, whatever the backlog of unsettled holds", () => {
  /** A book with `backlog` holds not yet confirmed, then one more order: what did that turn cost? */
  async function nextReservation(backlog: number) {
    const sidecar = new FakeActorSidecar();
    const actor = activate(sidecar, new MemoryCatalog());
    await actor('register', { ...registration, stock: 1_000_000 });
    for (let i = 0; i < backlog; i += 100) await actor('reserveMany', reservations(Array.from({ length: Math.min(100, backlog - i) }, (_, j) => `o${i + j}`)));
    const [reads, commits] = [sidecar.reads, sidecar.commits];
    await actor('reserveMany', reservations(['next']));
    const reserve = { reads: sidecar.reads - reads, commits: sidecar.commits - commits, ...sidecar.lastCommit };
    await actor('confirmMany', { orderIds: ['next'] });
    return { reserve, confirm: sidecar.lastCommit };
  }

  it('when a book has 5,000 unsettled holds, then its next reservation and confirmation write what they write with none', async () => {
    const first = await nextReservation(0);
    const later = await nextReservation(5_000);
    // one read (the new order's record, and the fence) and one commit, for both
    expect(first.reserve).toMatchObject({ commits: 1, keys: later.reserve.keys });
    expect(later.reserve).toMatchObject({ reads: 1, commits: 1 });
    // book, record, the newest chunk (at most 64 holds), the index, the fence
    expect(later.reserve.keys).toBeLessThanOrEqual(5);
    expect(later.reserve.bytes).toBeLessThan(first.reserve.bytes + 64 * 45);
    expect(later.confirm.keys).toBe(first.confirm.keys);
    expect(later.confirm.bytes).toBeLessThan(first.confirm.bytes + 64 * 45);
  });

  it('when a batch of 100 orders is reserved on a warm activation, then the turn makes one read and one commit', async () => {
    const sidecar = new FakeActorSidecar();
    const actor = activate(sidecar, new MemoryCatalog());
    await actor('register', { ...registration, stock: 1_000 });
    await actor('reserveMany', reservations(['warm']));
    const [reads, commits] = [sidecar.reads, sidecar.commits];
    await actor('reserveMany', reservations(Array.from({ length: 100 }, (_, i) => `b${i}`)));
    expect([sidecar.reads - reads, sidecar.commits - commits]).toEqual([1, 1]);
    await actor('confirmMany', { orderIds: Array.from({ length: 100 }, (_, i) => `b${i}`) });
    // records and chunks were in memory: the one read is the fence's new ETag, before the commit
    expect([sidecar.reads - reads, sidecar.commits - commits]).toEqual([2, 2]);
  });
});
