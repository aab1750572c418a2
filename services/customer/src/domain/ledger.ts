import { byOrderTime, earnedBy, gradeOf, MILEAGE_PERCENT, OrderKey, Standing, VIP_FLOOR } from './grade';

/*
 * A customer's orders kept so that an event costs the same whatever the customer's history:
 * each order is a fact in its own key, the orders that count form a list sorted by order time
 * (each fact links to its neighbours), and a summary holds the standing and what updating it
 * needs. It always equals `standingOf` over the same orders (a property test checks it).
 *
 * Why it can be incremental: an order earns at the rate of what was purchased before it, and
 * purchases only add up, so once that prefix reaches VIP's floor every later order earns 5 %.
 * The history splits in two: the *climb* (the orders bought while the prefix was below the
 * floor) and the *VIP run* after it. Then
 *   mileage = what the climb earned + 5 % of every counted order − 5 % of the climb's orders.
 * - A new order newer than all (the common case) adds to the climb's end or to the VIP run:
 *   O(1), whatever the history.
 * - An order that arrives late, or a cancellation, inside the VIP run changes nobody's rate
 *   (every prefix after it stays at or above the floor): O(1) besides finding its place.
 * - One inside the climb moves the climb's end: the climb is walked again from the first
 *   order until the prefix reaches the floor — bounded by value (orders that together cost
 *   less than 500,000 won plus the one that crosses it), not by the number of orders.
 * Finding a late order's place walks back from the newest order (or from the climb's end),
 * so it costs as many reads as there are counted orders newer than it.
 * Orders priced 0 never change a standing: they are facts, never linked.
 */

/** One order as the ledger knows it; `prev`/`next` link it while it counts. */
export interface OrderFact {
  price: number;
  /** '' while only its cancellation has been heard of. */
  orderedAt: string;
  cancelled: boolean;
  prev?: string;
  next?: string;
}

export interface LedgerSummary {
  purchased: number;
  /** Counted (ordered, not cancelled, priced) orders. */
  orders: number;
  /** 5 % of every counted order, floored per order: what they would all earn at VIP's rate. */
  atVipRate: number;
  /** The climb: sum, mileage and 5 % of its orders. */
  climbSum: number;
  climbMileage: number;
  climbAtVipRate: number;
  first?: string;
  last?: OrderKey;
  /** The first order of the VIP run: the first whose prefix reached the floor. */
  vipFirst?: OrderKey;
}

/** Where one customer's ledger lives; a use case reads and writes it within one turn. */
export interface LedgerStore {
  fact(orderId: string): Promise<OrderFact | undefined>;
  /** Reads several orders' facts at once (a batch's), so that the turn does not wait on them one by one. */
  prefetch(orderIds: string[]): Promise<void>;
  putFact(orderId: string, fact: OrderFact): void;
  summary(): Promise<LedgerSummary | undefined>;
  putSummary(summary: LedgerSummary): void;
}

export type LedgerEvent = { kind: 'ordered'; orderId: string; price: number; orderedAt: string } | { kind: 'cancelled'; orderId: string; price: number };

const EMPTY: LedgerSummary = { purchased: 0, orders: 0, atVipRate: 0, climbSum: 0, climbMileage: 0, climbAtVipRate: 0 };

const atVip = (price: number): number => Math.floor((price * MILEAGE_PERCENT.VIP) / 100);
const precedes = (a: OrderKey, b: OrderKey): boolean => byOrderTime(a, b) < 0;

export function standingOfLedger(summary: LedgerSummary = EMPTY): Standing {
  const { purchased, climbMileage, atVipRate, climbAtVipRate } = summary;
  return { purchased, grade: gradeOf(purchased), mileage: climbMileage + atVipRate - climbAtVipRate };
}

export async function ledgerStanding(store: LedgerStore): Promise<Standing> {
  return standingOfLedger(await store.summary());
}

/** An order was placed. Heard twice it counts once; already cancelled (events crossed), it never counts. */
export async function recordOrdered(store: LedgerStore, orderId: string, price: number, orderedAt: string): Promise<void> {
  const known = await store.fact(orderId);
  if (known && known.orderedAt !== '') return;
  const cancelled = known?.cancelled ?? false;
  if (cancelled || price === 0) {
    store.putFact(orderId, { price, orderedAt, cancelled });
    return;
  }
  const summary = { ...((await store.summary()) ?? EMPTY) };
  const key = { orderId, orderedAt };
  const climbing = summary.vipFirst === undefined || precedes(key, summary.vipFirst);
  await link(store, summary, key, price);
  summary.purchased += price;
  summary.orders += 1;
  summary.atVipRate += atVip(price);
  if (climbing && summary.last?.orderId === orderId && summary.vipFirst === undefined) extendClimb(summary, key, price);
  else if (climbing) await walkClimb(store, summary);
  store.putSummary(summary);
}

/** An order was cancelled; if its `Ordered` has not arrived yet, the cancellation waits for it. */
export async function recordCancelled(store: LedgerStore, orderId: string, price: number): Promise<void> {
  const known = await store.fact(orderId);
  if (known?.cancelled) return;
  if (!known || known.price === 0) {
    store.putFact(orderId, { price: known?.price ?? price, orderedAt: known?.orderedAt ?? '', cancelled: true });
    return;
  }
  const summary = { ...((await store.summary()) ?? EMPTY) };
  const key = { orderId, orderedAt: known.orderedAt };
  const climbing = summary.vipFirst === undefined || precedes(key, summary.vipFirst);
  await unlink(store, summary, orderId, known);
  summary.purchased -= known.price;
  summary.orders -= 1;
  summary.atVipRate -= atVip(known.price);
  if (climbing) await walkClimb(store, summary);
  store.putSummary(summary);
}

/**
 * Several events of one customer, in one turn: orders first, oldest first, so that a batch
 * appends rather than walks back; the standing is the same in any order (as `standingOf`).
 */
export async function recordMany(store: LedgerStore, events: LedgerEvent[]): Promise<void> {
  await store.prefetch([...new Set(events.map((e) => e.orderId))]);
  const ordered = new Map<string, Extract<LedgerEvent, { kind: 'ordered' }>>();
  for (const event of events) if (event.kind === 'ordered' && !ordered.has(event.orderId)) ordered.set(event.orderId, event);
  for (const { orderId, price, orderedAt } of [...ordered.values()].sort(byOrderTime)) await recordOrdered(store, orderId, price, orderedAt);
  for (const event of events) if (event.kind === 'cancelled') await recordCancelled(store, event.orderId, event.price);
}

/** The newest order while the prefix is below the floor: it earns at the climb's current grade. */
function extendClimb(summary: LedgerSummary, key: OrderKey, price: number): void {
  if (summary.climbSum >= VIP_FLOOR) {
    summary.vipFirst = key;
    return;
  }
  summary.climbMileage += earnedBy(price, summary.climbSum);
  summary.climbAtVipRate += atVip(price);
  summary.climbSum += price;
}

/** Walks the climb again from the first order, until the prefix reaches the floor. */
async function walkClimb(store: LedgerStore, summary: LedgerSummary): Promise<void> {
  let [sum, mileage, vip] = [0, 0, 0];
  let id = summary.first;
  let fact = id === undefined ? undefined : await factOf(store, id);
  while (id !== undefined && fact && sum < VIP_FLOOR) {
    mileage += earnedBy(fact.price, sum);
    vip += atVip(fact.price);
    sum += fact.price;
    id = fact.next;
    fact = id === undefined ? undefined : await factOf(store, id);
  }
  Object.assign(summary, { climbSum: sum, climbMileage: mileage, climbAtVipRate: vip });
  summary.vipFirst = id === undefined || !fact ? undefined : { orderId: id, orderedAt: fact.orderedAt };
}

/** Puts a new counted order in its place in the sorted list: after the newest order it precedes none of. */
async function link(store: LedgerStore, summary: LedgerSummary, key: OrderKey, price: number): Promise<void> {
  let prev = summary.vipFirst && precedes(key, summary.vipFirst) ? (await factOf(store, summary.vipFirst.orderId)).prev : summary.last?.orderId;
  let prevFact = prev === undefined ? undefined : await factOf(store, prev);
  while (prev !== undefined && prevFact && !precedes({ orderId: prev, orderedAt: prevFact.orderedAt }, key)) {
    prev = prevFact.prev;
    prevFact = prev === undefined ? undefined : await factOf(store, prev);
  }
  const next = prev === undefined ? summary.first : prevFact?.next;
  store.putFact(key.orderId, {
    price,
    orderedAt: key.orderedAt,
    cancelled: false,
    ...(prev === undefined ? {} : { prev }),
    ...(next === undefined ? {} : { next }),
  });
  if (prev === undefined) summary.first = key.orderId;
  else store.putFact(prev, { ...prevFact!, next: key.orderId });
  if (next === undefined) summary.last = key;
  else store.putFact(next, { ...(await factOf(store, next)), prev: key.orderId });
}

/** Takes a cancelled order out of the list; the first order of the VIP run passes to the next. */
async function unlink(store: LedgerStore, summary: LedgerSummary, orderId: string, fact: OrderFact): Promise<void> {
  const { prev, next } = fact;
  store.putFact(orderId, { price: fact.price, orderedAt: fact.orderedAt, cancelled: true });
  const nextFact = next === undefined ? undefined : await factOf(store, next);
  if (prev === undefined) summary.first = next;
  else store.putFact(prev, withLink(await factOf(store, prev), 'next', next));
  if (next === undefined) summary.last = prev === undefined ? undefined : { orderId: prev, orderedAt: (await factOf(store, prev)).orderedAt };
  else store.putFact(next, withLink(nextFact!, 'prev', prev));
  if (summary.vipFirst?.orderId === orderId) summary.vipFirst = next === undefined ? undefined : { orderId: next, orderedAt: nextFact!.orderedAt };
}

function withLink(fact: OrderFact, side: 'prev' | 'next', to: string | undefined): OrderFact {
  const { [side]: _old, ...rest } = fact;
  return to === undefined ? rest : { ...rest, [side]: to };
}

async function factOf(store: LedgerStore, orderId: string): Promise<OrderFact> {
  const fact = await store.fact(orderId);
  if (!fact) throw new Error(`The ledger links to order ${orderId}, which it does not hold`);
  return fact;
}
