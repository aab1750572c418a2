import { isStale } from './pending';
import { OrderRepository } from './ports';

/**
 * Recovery, at start-up and then periodically: placements whose process died between
 * recording them and answering are marked Failed, so the books holding their copies release
 * them (the order service is what they ask). Only a compare-and-set fails one, so a
 * placement that finishes meanwhile wins, or loses cleanly (its commit then fails: 503).
 */
export async function failStalePlacements(orders: OrderRepository, nowMs: number, timeoutMs: number): Promise<number> {
  let failed = 0;
  for (const { value, version } of await orders.pending()) {
    if (isStale(value, nowMs, timeoutMs) && (await orders.fail(value.orderId, version))) failed += 1;
  }
  return failed;
}
