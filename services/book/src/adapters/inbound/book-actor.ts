import { ActorContext, ActorInstance, ActorTypeRegistration, parseOrThrow, z } from '@bookstore/runtime';
import {
  BOOK_ACTOR_TYPE,
  BookRegistered,
  BookActorMethods,
  BookView,
  ConfirmManyResult,
  ConfirmRequestSchema,
  ConfirmResult,
  GetBookResult,
  RegisterBookRequestSchema,
  RegisterBookResult,
  MAX_SETTLEMENTS_PER_TURN,
  ReleaseManyResult,
  ReleaseRequestSchema,
  ReleaseResult,
  ReserveRequest,
  ReserveRequestSchema,
  ReserveResult,
  RestockRequestSchema,
  ReserveManyRequestSchema,
  ReserveManyResult,
  RestockResult,
  SETTLE_HOLDS_REMINDER,
  SettleManyRequestSchema,
  StockIncreased,
} from '@bookstore/contracts';
import { Book, PublicBook, publicBook, registerBook } from '../../domain/book';
import { catalogRowStale } from '../../domain/catalog';
import { CatalogIndex, OrderFates } from '../../domain/ports';
import { confirm, release, Reservation, reserve, settleHold } from '../../domain/reservation';
import { HoldLedger } from './hold-ledger';
import { Restock, restock } from '../../domain/restock';

const BOOK = 'book';

export interface HoldSettings {
  /** A hold is settled once older than this: longer than an order placement's whole budget. */
  graceMs: number;
  /** How often the settle reminder fires while holds remain. */
  periodSeconds: number;
}
/** A method's body, or a 400 problem (the host answers it and commits nothing). */
const bodyOf = <S extends z.ZodType>(schema: S, body: unknown, method: string): z.output<S> => parseOrThrow(schema, body, `${BOOK_ACTOR_TYPE}.${method} body`);

const reservationKey = (orderId: string): string => `reservation:${orderId}`;
const restockKey = (restockId: string): string => `restock:${restockId}`;

function view(book: Book): BookView {
  return { ...book };
}

/**
 * One actor per book. Dapr gives it one turn at a time, so reading the stock and taking
 * copies can never interleave with another order: stock cannot go negative.
 *
 * The catalog index (what GET /books lists) holds a row per book, which the actor keeps
 * current: every turn that changes the book writes the row. The host commits a turn's state
 * only after the method returns, and offers no hook after that, so the row is written just
 * before the commit. How the row converges when the two writes part ways:
 * - the commit fails (the process lives on): the host discards the turn's state, so the
 *   next turn reads the committed book, sees it differs from the row it last wrote
 *   (`catalogRowStale`) and rewrites the row;
 * - the process dies between the row write and the commit: the next activation of the actor
 *   (on any host, on any call: an order, a restock, GET /books/{id}) has written no row yet,
 *   so its first turn rewrites the row from the committed state;
 * - the row write fails (Redis unreachable): the turn goes on (the index is a view, not the
 *   truth) and the next turn writes the row again.
 * Until then the listing may show a stock that is off; GET /books/{id} asks the actor
 * itself, and orders always do.
 */
export function bookActor(context: ActorContext, catalog: CatalogIndex, fates: OrderFates, settings: HoldSettings): ActorInstance {
  const { state, id, log } = context;
  /** Whether this activation knows the settle reminder to be set. */
  let reminderArmed = false;
  /** The row this activation last wrote; undefined when it has written none or the write failed. */
  let lastIndexed: PublicBook | undefined;

  const index = async (book: Book): Promise<void> => {
    const row = publicBook(book);
    try {
      await catalog.put(row);
      lastIndexed = row;
    } catch (error) {
      lastIndexed = undefined;
      log.warn('catalog row not written; the next turn writes it again', { bookId: id, error });
    }
  };

  /** Every turn starts here: the committed book, with its catalog row mended if stale. */
  const load = async (): Promise<Book | undefined> => {
    const book = await state.get<Book>(BOOK);
    if (book && catalogRowStale(lastIndexed, book)) await index(book);
    return book;
  };

  /**
   * Holds are the saga's safety net: a reservation whose order never got placed (its call
   * timed out, or the order service died) must give its copies back. While any hold is
   * unsettled a reminder (not a timer: timers do not survive a move to another host) asks
   * the order service what became of each; it is removed once none is left.
   */
  const holds = new HoldLedger(state);
  /**
   * Set when a hold is taken and this activation does not know the reminder to be set;
   * removed only by the reminder itself once it finds nothing held (`settleDueHolds`), so a
   * book whose holds come and go does not set and delete it with every order.
   */
  const armReminder = async (): Promise<void> => {
    if (reminderArmed) return;
    try {
      await context.setReminder(SETTLE_HOLDS_REMINDER, { dueTime: `${settings.periodSeconds}s`, period: `${settings.periodSeconds}s` });
      reminderArmed = true;
    } catch (error) {
      // The turn stands; the next one that takes a hold tries again.
      log.warn('settle reminder not set', { bookId: id, error });
    }
  };
  const disarmReminder = async (): Promise<void> => {
    if (await holds.any()) return;
    try {
      await context.deleteReminder(SETTLE_HOLDS_REMINDER);
      reminderArmed = false;
    } catch (error) {
      log.warn('settle reminder not removed; it fires again and retries', { bookId: id, error });
    }
  };

  /** The reservations of these orders, read in one call for those not in memory. */
  const reservationsOf = async (orderIds: string[]): Promise<Map<string, Reservation | undefined>> => {
    const found = await state.getMany<Reservation>(orderIds.map(reservationKey));
    return new Map(orderIds.map((orderId) => [orderId, found.get(reservationKey(orderId))]));
  };

  const register = async (body: unknown): Promise<RegisterBookResult> => {
    const outcome = registerBook(await load(), id, bodyOf(RegisterBookRequestSchema, body, BookActorMethods.register));
    switch (outcome.kind) {
      case 'already-registered':
        return { ok: false, error: 'ALREADY_REGISTERED' };
      case 'same-registration':
        return { ok: true, book: view(outcome.book), replayed: true };
      case 'registered': {
        state.set(BOOK, outcome.book);
        const { bookId, title, author, price, stock, registeredAt } = outcome.book;
        // Sent with the turn's state (the actor outbox); its id follows from the book.
        context.emit(BookRegistered, { bookId, title, author, price, stock, registeredAt }, `BookRegistered-${bookId}`);
        await index(outcome.book);
        return { ok: true, book: view(outcome.book), replayed: false };
      }
    }
  };

  const get = async (): Promise<GetBookResult> => {
    const book = await load();
    return book ? { ok: true, book: view(book) } : { ok: false, error: 'BOOK_NOT_FOUND' };
  };

  /**
   * Reservations in the order asked, in one turn: one read of their records, one write of
   * the book, the records and the holds' newest chunk, one catalog row.
   */
  const reserveAll = async (requests: ReserveRequest[]): Promise<ReserveResult[]> => {
    let book = await load();
    if (!book) return requests.map(() => ({ ok: false, error: 'BOOK_NOT_FOUND' }));
    const existing = await reservationsOf(requests.map((r) => r.orderId));
    const now = Date.now();
    const taken: Reservation[] = [];
    const results = requests.map(({ orderId, qty, deadline }): ReserveResult => {
      const outcome = reserve(book!, existing.get(orderId), orderId, qty, now, deadline);
      switch (outcome.kind) {
        case 'order-released':
          return { ok: false, error: 'ORDER_RELEASED' };
        case 'too-late':
          return { ok: false, error: 'DEADLINE_PASSED' };
        case 'out-of-stock':
          return { ok: false, error: 'OUT_OF_STOCK', unitPrice: book!.price, stock: book!.stock };
        case 'already-reserved':
          return { ok: true, unitPrice: outcome.reservation.unitPrice, stock: book!.stock };
        case 'reserved':
          book = outcome.book;
          existing.set(orderId, outcome.reservation); // the same orderId twice in one batch takes once
          taken.push(outcome.reservation);
          return { ok: true, unitPrice: outcome.reservation.unitPrice, stock: outcome.book.stock };
      }
    });
    if (taken.length === 0) return results;
    const chunks = await holds.place(taken.map((r) => ({ orderId: r.orderId, heldAt: r.heldAt ?? now })));
    taken.forEach((reservation, i) => state.set(reservationKey(reservation.orderId), { ...reservation, holdChunk: chunks[i] }));
    state.set(BOOK, book);
    await armReminder();
    await index(book);
    return results;
  };

  const reserveCopies = async (body: unknown): Promise<ReserveResult> => {
    const request = bodyOf(ReserveRequestSchema, body, BookActorMethods.reserve);
    return (await reserveAll([request]))[0]!;
  };

  const reserveMany = async (body: unknown): Promise<ReserveManyResult> => {
    const { reservations } = bodyOf(ReserveManyRequestSchema, body, BookActorMethods.reserveMany);
    return { results: await reserveAll(reservations) };
  };

  /** Holds that these (now settled) reservations had, to be dropped from the ledger. */
  const heldIn = (settled: Array<Reservation | undefined>): Array<{ orderId: string; chunkNo: number }> =>
    settled.flatMap((r) => (r?.status === 'held' && r.holdChunk !== undefined ? [{ orderId: r.orderId, chunkNo: r.holdChunk }] : []));

  /** Releases in one turn; answers the copies returned and the stock after. */
  const releaseAll = async (orderIds: string[]): Promise<ReleaseManyResult> => {
    let book = await load();
    if (!book) return { ok: false, error: 'BOOK_NOT_FOUND' };
    const existing = await reservationsOf(orderIds);
    const wasHeld: Array<Reservation | undefined> = [];
    let released = 0;
    for (const orderId of new Set(orderIds)) {
      const before = existing.get(orderId);
      const outcome = release(book, before, orderId);
      if (outcome.kind === 'already-released') continue;
      // A never-reserved order is remembered as released, so that its late reservation takes nothing.
      state.set(reservationKey(orderId), outcome.reservation);
      if (outcome.kind === 'released') {
        book = outcome.book;
        released += outcome.reservation.qty;
        wasHeld.push(before);
      }
    }
    if (released > 0) {
      state.set(BOOK, book);
      await holds.drop(heldIn(wasHeld));
      await index(book);
    }
    return { ok: true, released, stock: book.stock };
  };

  /** Confirmations in one turn: held copies become reservations. */
  const confirmAll = async (orderIds: string[]): Promise<ConfirmManyResult> => {
    if (!(await load())) return { ok: false, error: 'BOOK_NOT_FOUND' };
    const existing = await reservationsOf(orderIds);
    const wasHeld: Array<Reservation | undefined> = [];
    for (const orderId of new Set(orderIds)) {
      const before = existing.get(orderId);
      const confirmed = confirm(before);
      if (!confirmed) continue;
      const { holdChunk: _listed, ...reservation } = confirmed;
      state.set(reservationKey(orderId), reservation);
      wasHeld.push(before);
    }
    if (wasHeld.length > 0) await holds.drop(heldIn(wasHeld));
    return { ok: true, confirmed: wasHeld.length };
  };

  const releaseCopies = async (body: unknown): Promise<ReleaseResult> => {
    const { orderId } = bodyOf(ReleaseRequestSchema, body, BookActorMethods.release);
    return releaseAll([orderId]);
  };

  const confirmCopies = async (body: unknown): Promise<ConfirmResult> => {
    const { orderId } = bodyOf(ConfirmRequestSchema, body, BookActorMethods.confirm);
    const result = await confirmAll([orderId]);
    return result.ok ? { ok: true, confirmed: result.confirmed > 0 } : result;
  };

  const confirmMany = async (body: unknown): Promise<ConfirmManyResult> =>
    confirmAll(bodyOf(SettleManyRequestSchema, body, BookActorMethods.confirmMany).orderIds);

  const releaseMany = async (body: unknown): Promise<ReleaseManyResult> =>
    releaseAll(bodyOf(SettleManyRequestSchema, body, BookActorMethods.releaseMany).orderIds);

  /** The reminder: each hold past its grace is confirmed, released or left, as its order's fate says. */
  const settleDueHolds = async (): Promise<void> => {
    const toConfirm: string[] = [];
    const toRelease: string[] = [];
    for (const orderId of await holds.due(Date.now(), settings.graceMs, MAX_SETTLEMENTS_PER_TURN)) {
      let fate;
      try {
        fate = await fates.fateOf(orderId);
      } catch (error) {
        log.warn('cannot learn what became of a held order yet', { bookId: id, orderId, error });
        continue;
      }
      const settlement = settleHold(fate);
      if (settlement === 'confirm') toConfirm.push(orderId);
      if (settlement === 'release') toRelease.push(orderId);
    }
    if (toConfirm.length > 0) await confirmAll(toConfirm);
    if (toRelease.length > 0) {
      const result = await releaseAll(toRelease);
      log.info('released copies held for orders that were never placed', { bookId: id, orderIds: toRelease, released: result.ok ? result.released : 0 });
    }
    await disarmReminder();
  };

  const restockCopies = async (body: unknown): Promise<RestockResult> => {
    const { restockId, qty } = bodyOf(RestockRequestSchema, body, BookActorMethods.restock);
    const book = await load();
    if (!book) return { ok: false, error: 'BOOK_NOT_FOUND' };
    const outcome = restock(book, await state.get<Restock>(restockKey(restockId)), restockId, qty);
    switch (outcome.kind) {
      case 'conflict':
        return { ok: false, error: 'RESTOCK_CONFLICT' };
      case 'stock-limit':
        return { ok: false, error: 'STOCK_LIMIT' };
      case 'already-restocked':
        return { ok: true, book: view(outcome.book), added: outcome.restock.qty, replayed: true };
      case 'restocked':
        state.set(BOOK, outcome.book);
        state.set(restockKey(restockId), outcome.restock);
        context.emit(StockIncreased, { bookId: id, added: outcome.restock.qty, stock: outcome.book.stock }, `StockIncreased-${id}-${restockId}`);
        await index(outcome.book);
        return { ok: true, book: view(outcome.book), added: outcome.restock.qty, replayed: false };
    }
  };

  return {
    methods: {
      [BookActorMethods.register]: register,
      [BookActorMethods.get]: get,
      [BookActorMethods.reserve]: reserveCopies,
      [BookActorMethods.reserveMany]: reserveMany,
      [BookActorMethods.release]: releaseCopies,
      [BookActorMethods.restock]: restockCopies,
      [BookActorMethods.confirm]: confirmCopies,
      [BookActorMethods.confirmMany]: confirmMany,
      [BookActorMethods.releaseMany]: releaseMany,
    },
    onReminder: async (name) => {
      // A fresh activation does not know whether the reminder is set; it fired, so it is.
      reminderArmed = true;
      if (name === SETTLE_HOLDS_REMINDER) await settleDueHolds();
    },
  };
}

/** The BookActor type; its actors keep their rows in `catalog` and ask `fates` about held orders. */
export function bookActorType(catalog: CatalogIndex, fates: OrderFates, settings: HoldSettings): ActorTypeRegistration {
  return { type: BOOK_ACTOR_TYPE, create: (context) => bookActor(context, catalog, fates, settings) };
}
