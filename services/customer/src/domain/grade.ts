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

const byOrderTime = (a: Purchase, b: Purchase): number =>
  a.orderedAt === b.orderedAt ? a.orderId.localeCompare(b.orderId) : a.orderedAt.localeCompare(b.orderedAt);

/**
 * Purchased amount, grade and mileage as a function of the customer's orders alone, so they
 * come out the same whatever order events arrive in. Each order earns at the rate of the
 * grade of what was purchased before it; a cancellation can lower later orders' rates too.
 */
export function standingOf(purchases: Purchase[]): Standing {
  let purchased = 0;
  let mileage = 0;
  for (const purchase of purchases.filter((p) => !p.cancelled).sort(byOrderTime)) {
    mileage += Math.floor((purchase.price * MILEAGE_PERCENT[gradeOf(purchased)]) / 100);
    purchased += purchase.price;
  }
  return { purchased, grade: gradeOf(purchased), mileage };
}
