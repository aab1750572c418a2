import {
  ActorContext,
  ActorInstance,
  ActorTypeRegistration,
  BOOK_ACTOR_TYPE,
  BookRegistered,
  BookActorMethods,
  BookView,
  ConfirmRequestSchema,
  ConfirmResult,
  GetBookResult,
  RegisterBookRequestSchema,
  RegisterBookResult,
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
  StockIncreased,
  parseOrThrow,
  z,
} from '@bookstore/runtime';
import { Book, PublicBook, publicBook, registerBook } from '../../domain/book';
import { catalogRowStale } from '../../domain/catalog';
import { CatalogIndex, OrderFates } from '../../domain/ports';
import { confirm, dueHolds, release, Reservation, reserve, settleHold } from '../../domain/reservation';
import { Restock, restock } from '../../domain/restock';

const BOOK = 'book';
/** Orders whose copies are held and not yet settled, with when they were taken (epoch ms). */
const HOLDS = 'holds';
type Holds = Record<string, number>;

export interface HoldSettings {
  /** A hold is settled once older than this: longer than an order placement's whole budget. */
  graceMs: number;
  /** How often the settle reminder fires while holds remain. */
  periodSeconds: number;
}
/** A method's body, or a 400 problem (the host answers it and commits nothing). */
const bodyOf = <S extends z.ZodType>(schema: S, body: unknown, method: string): z.output<S> =>
  parseOrThrow(schema, body, `${BOOK_ACTOR_TYPE}.${method} body`);

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
  const holds = async (): Promise<Holds> => (await state.get<Holds>(HOLDS)) ?? {};
  const saveHolds = async (next: Holds): Promise<void> => {
    state.set(HOLDS, next);
    const any = Object.keys(next).length > 0;
    try {
      if (any && !reminderArmed) {
        await context.setReminder(SETTLE_HOLDS_REMINDER, { dueTime: `${settings.periodSeconds}s`, period: `${settings.periodSeconds}s` });
        reminderArmed = true;
      } else if (!any && reminderArmed) {
        await context.deleteReminder(SETTLE_HOLDS_REMINDER);
        reminderArmed = false;
      }
    } catch (error) {
      // The turn stands; the next one that changes holds tries again.
      reminderArmed = !any;
      log.warn('settle reminder not updated', { bookId: id, error });
    }
  };
  const withoutHold = async (orderId: string): Promise<void> => {
    const current = await holds();
    if (!(orderId in current)) return;
    const { [orderId]: _settled, ...rest } = current;
    await saveHolds(rest);
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

  /** One reservation; the catalog row is left to the caller (`reserveCopies`, `reserveMany`). */
  const reserveOne = async ({ orderId, qty, deadline }: ReserveRequest): Promise<ReserveResult> => {
    const book = await load();
    if (!book) return { ok: false, error: 'BOOK_NOT_FOUND' };
    const outcome = reserve(book, await state.get<Reservation>(reservationKey(orderId)), orderId, qty, Date.now(), deadline);
    switch (outcome.kind) {
      case 'order-released':
        return { ok: false, error: 'ORDER_RELEASED' };
      case 'too-late':
        return { ok: false, error: 'DEADLINE_PASSED' };
      case 'out-of-stock':
        return { ok: false, error: 'OUT_OF_STOCK', unitPrice: book.price, stock: book.stock };
      case 'already-reserved':
        return { ok: true, unitPrice: outcome.reservation.unitPrice, stock: book.stock };
      case 'reserved':
        state.set(BOOK, outcome.book);
        state.set(reservationKey(orderId), outcome.reservation);
        await saveHolds({ ...(await holds()), [orderId]: outcome.reservation.heldAt ?? Date.now() });
        return { ok: true, unitPrice: outcome.reservation.unitPrice, stock: outcome.book.stock };
    }
  };

  /** Writes the catalog row once for a turn that changed the stock. */
  const indexAfter = async <T>(work: () => Promise<T>): Promise<T> => {
    const before = await state.get<Book>(BOOK);
    const result = await work();
    const after = await state.get<Book>(BOOK);
    if (after && after !== before) await index(after);
    return result;
  };

  const reserveCopies = (body: unknown): Promise<ReserveResult> => {
    const request = bodyOf(ReserveRequestSchema, body, BookActorMethods.reserve);
    return indexAfter(() => reserveOne(request));
  };

  const reserveMany = (body: unknown): Promise<ReserveManyResult> => {
    const { reservations } = bodyOf(ReserveManyRequestSchema, body, BookActorMethods.reserveMany);
    return indexAfter(async () => {
      const results: ReserveResult[] = [];
      for (const request of reservations) results.push(await reserveOne(request));
      return { results };
    });
  };

  const releaseCopies = async (body: unknown): Promise<ReleaseResult> => {
    const { orderId } = bodyOf(ReleaseRequestSchema, body, BookActorMethods.release);
    const book = await load();
    if (!book) return { ok: false, error: 'BOOK_NOT_FOUND' };
    const outcome = release(book, await state.get<Reservation>(reservationKey(orderId)), orderId);
    switch (outcome.kind) {
      case 'already-released':
        return { ok: true, released: 0, stock: book.stock };
      case 'never-reserved':
        // Remembered, so that a reservation arriving after its order's release takes nothing.
        state.set(reservationKey(orderId), outcome.reservation);
        return { ok: true, released: 0, stock: book.stock };
      case 'released':
        state.set(BOOK, outcome.book);
        state.set(reservationKey(orderId), outcome.reservation);
        await withoutHold(orderId);
        await index(outcome.book);
        return { ok: true, released: outcome.reservation.qty, stock: outcome.book.stock };
    }
  };

  const confirmCopies = async (body: unknown): Promise<ConfirmResult> => {
    const { orderId } = bodyOf(ConfirmRequestSchema, body, BookActorMethods.confirm);
    if (!(await load())) return { ok: false, error: 'BOOK_NOT_FOUND' };
    const confirmed = confirm(await state.get<Reservation>(reservationKey(orderId)));
    if (confirmed) state.set(reservationKey(orderId), confirmed);
    await withoutHold(orderId);
    return { ok: true, confirmed: confirmed !== undefined };
  };

  /** The reminder: each hold past its grace is confirmed, released or left, as its order's fate says. */
  const settleDueHolds = async (): Promise<void> => {
    const current = await holds();
    for (const orderId of dueHolds(current, Date.now(), settings.graceMs)) {
      let fate;
      try {
        fate = await fates.fateOf(orderId);
      } catch (error) {
        log.warn('cannot learn what became of a held order yet', { bookId: id, orderId, error });
        continue;
      }
      const settlement = settleHold(fate);
      if (settlement === 'confirm') await confirmCopies({ orderId });
      if (settlement === 'release') {
        const result = await releaseCopies({ orderId });
        log.info('released copies held for an order that was never placed', { bookId: id, orderId, fate, released: result.ok ? result.released : 0 });
      }
    }
    if (Object.keys(await holds()).length === 0) await saveHolds({});
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
