import { CUSTOMER_ACTOR_METHODS, CUSTOMER_ACTOR_TYPE } from '@bookstore/contracts';
import { standingOf } from '../../services/customer/src/domain/grade';
import { LedgerEvent } from '../../services/customer/src/domain/ledger';
import { Purchases, recordCancelled, recordOrdered } from '../../services/customer/src/domain/purchases';
import { portPlan, readCredentials } from '../../tools/stack/src';
import { signUpCustomer } from '../support/auth';
import { gateway } from '../support/gateway';

/**
 * A customer with a long history, recorded through the real CustomerActor (the customer
 * sidecar's actor API, with that app's token, as its subscriber does it), read back through
 * the gateway: the standing is exactly API.md's whatever order the events came in.
 */
const { plan } = portPlan(process.env);
const sidecar = `http://127.0.0.1:${plan.services.customer.http}`;
const token = readCredentials().apps.customer.daprApiToken;

async function recordMany(customerId: string, events: LedgerEvent[]): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${sidecar}/v1.0/actors/${CUSTOMER_ACTOR_TYPE}/${customerId}/method/${CUSTOMER_ACTOR_METHODS.recordMany}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'dapr-api-token': token },
    body: JSON.stringify({ events }),
  });
  expect(`${response.status} ${response.status === 200 ? '' : await response.text()}`).toBe('200 ');
  return performance.now() - started;
}

const at = (n: number): string => new Date(Date.UTC(2026, 2, 1) + n * 1_000).toISOString();
/** Prices from 1,000 to 30,000 won, spread so the climb to VIP takes dozens of orders. */
const priceOf = (n: number): number => 1_000 + ((n * 7_919) % 29) * 1_000;
const ordered = (n: number): LedgerEvent => ({ kind: 'ordered', orderId: `h${n}`, price: priceOf(n), orderedAt: at(n) });
const cancelled = (n: number): LedgerEvent => ({ kind: 'cancelled', orderId: `h${n}`, price: priceOf(n) });

describe('a customer with thousands of orders', () => {
  it('when 3,000 orders arrive in batches out of order, with duplicates and cancellations (some before their order), then the standing is exact', async () => {
    const customer = await signUpCustomer('Long History');
    const orders = 3_000;
    // Batches of 250, the third and the second swapped, the fifth sent twice; cancellations in the
    // climb (h3, h10), in the VIP run, and two before their Ordered (h2990, h2999).
    const batches: LedgerEvent[][] = [];
    for (let from = 0; from < orders; from += 250) batches.push(Array.from({ length: 250 }, (_, i) => ordered(from + i)));
    [batches[1], batches[2]] = [batches[2]!, batches[1]!];
    batches.splice(5, 0, batches[4]!);
    const cancellations = [3, 10, 700, 1_500, 2_990, 2_999].map(cancelled);
    batches.splice(3, 0, [cancellations[0]!, cancellations[1]!, cancellations[4]!, cancellations[5]!]);
    batches.push([cancellations[2]!, cancellations[3]!, ordered(5)]);

    const latencies = [];
    for (const batch of batches) latencies.push(await recordMany(customer.customerId, batch));
    const firstOne = await recordMany(customer.customerId, [ordered(orders)]);
    process.stderr.write(
      `recordMany of 250 orders: first ${latencies[0]!.toFixed(0)} ms, last ${latencies.at(-2)!.toFixed(0)} ms; one order after 3,000: ${firstOne.toFixed(0)} ms\n`,
    );

    const reference = [...batches.flat(), ordered(orders)].reduce(
      (p, e) => (e.kind === 'ordered' ? recordOrdered(p, e.orderId, e.price, e.orderedAt) : recordCancelled(p, e.orderId, e.price)),
      {} as Purchases,
    );
    const expected = standingOf(Object.values(reference));
    expect(expected.grade).toBe('VIP');
    const view = await gateway().get(`/customers/${customer.customerId}`).set('Authorization', customer.bearer);
    expect(view.status).toBe(200);
    expect({ purchased: view.body.purchased, grade: view.body.grade, mileage: view.body.mileage }).toEqual(expected);
  });
});
