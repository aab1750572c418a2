export type Grade = 'BRONZE' | 'SILVER' | 'GOLD' | 'VIP';

/** Lowest amount purchased (won) for each grade, highest grade first. */
const THRESHOLDS: Array<[Grade, number]> = [
  ['VIP', 500_000],
  ['GOLD', 200_000],
  ['SILVER', 50_000],
  ['BRONZE', 0],
];

/** Mileage earned per order, in percent of its price, by the grade held before it. */
export const MILEAGE_PERCENT: Record<Grade, number> = { BRONZE: 1, SILVER: 2, GOLD: 3, VIP: 5 };

/** What must have been purchased before an order for it to earn at VIP's rate. */
export const VIP_FLOOR = THRESHOLDS[0]![1];

export function gradeOf(purchased: number): Grade {
  return THRESHOLDS.find(([, floor]) => purchased >= floor)![0];
}

/** An order as the customer's standing counts it. */
export interface Purchase {
  orderId: string;
  price: number;
  orderedAt: string;
  cancelled: boolean;
}

export interface Standing {
  purchased: number;
  grade: Grade;
  mileage: number;
}

/** Where an order stands in the customer's history: by `orderedAt`, ties broken by `orderId`. */
export type OrderKey = Pick<Purchase, 'orderId' | 'orderedAt'>;

export const byOrderTime = (a: OrderKey, b: OrderKey): number =>
  a.orderedAt === b.orderedAt ? a.orderId.localeCompare(b.orderId) : a.orderedAt.localeCompare(b.orderedAt);

/** What an order of `price` earns when `before` was purchased before it. */
export function earnedBy(price: number, before: number): number {
  return Math.floor((price * MILEAGE_PERCENT[gradeOf(before)]) / 100);
}

/**
 * The definition (API.md), kept as the reference the incremental ledger is tested against.
 * Purchased amount, grade and mileage as a function of the customer's orders alone, so they
 * come out the same whatever order events arrive in. Each order earns at the rate of the
 * grade of what was purchased before it; a cancellation can lower later orders' rates too.
 */
export function standingOf(purchases: Purchase[]): Standing {
  let purchased = 0;
  let mileage = 0;
  for (const purchase of purchases.filter((p) => !p.cancelled).sort(byOrderTime)) {
    mileage += earnedBy(purchase.price, purchased);
    purchased += purchase.price;
  }
  return { purchased, grade: gradeOf(purchased), mileage };
}
