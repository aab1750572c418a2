import { sleep } from '@bookstore/stack';
import { performance } from 'node:perf_hooks';
import { Book, Customer, Order, Shop } from './shop';
import { AcceptedOrder } from './invariants';

export interface LagSamples {
  /** Accepted (201 received) → the order's MyPage row shows DeliveryStarted. */
  myPage: number[];
  /** Accepted → the customer's purchased amount includes the order (its mileage applied). */
  mileage: number[];
  /** Probes whose effect was not seen within the probe's patience. */
  unseen: number;
}

/**
 * A sample of real event lag, measured as a user would see it, at little cost to the shop:
 * each probe customer places one order at a time and polls its MyPage row and its profile
 * until both show it (every 100 ms, every 250 ms after the first second), then waits for its
 * next turn. One customer per probe keeps "purchased includes it" unambiguous.
 */
export class LagProbes {
  readonly samples: LagSamples = { myPage: [], mileage: [], unseen: 0 };
  readonly accepted: AcceptedOrder[] = [];
  private running = false;
  private loops: Array<Promise<void>> = [];

  constructor(
    private readonly shop: Shop,
    private readonly customers: readonly Customer[],
    private readonly book: Book,
    private readonly everyMs = 1_000,
    private readonly patienceMs = 30_000,
  ) {}

  start(): void {
    this.running = true;
    this.loops = this.customers.map((c, i) => this.loop(c, (i * this.everyMs) / this.customers.length));
  }

  /** Stops placing probes; waits for the ones under way. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(customer: Customer, delayMs: number): Promise<void> {
    await sleep(delayMs);
    let purchased = 0;
    while (this.running) {
      const started = performance.now();
      const answer = await this.shop.order(customer.token, this.book.bookId);
      const accepted = performance.now();
      if (answer.status === 201) {
        const order = answer.body as Order;
        purchased += order.price;
        this.accepted.push({
          orderId: order.orderId,
          customerId: customer.customerId,
          bookId: order.bookId,
          qty: order.qty,
          price: order.price,
          orderedAt: order.orderedAt,
          cancelled: false,
        });
        await this.follow(customer, order.orderId, purchased, accepted);
      }
      await sleep(Math.max(0, this.everyMs - (performance.now() - started)));
    }
  }

  private async follow(customer: Customer, orderId: string, purchased: number, accepted: number): Promise<void> {
    let myPage: number | undefined;
    let mileage: number | undefined;
    while ((myPage === undefined || mileage === undefined) && performance.now() - accepted < this.patienceMs) {
      const [row, view] = await Promise.all([
        myPage === undefined ? this.shop.myPage(customer.token, orderId) : undefined,
        mileage === undefined ? this.shop.customer(customer.token, customer.customerId).catch(() => undefined) : undefined,
      ]);
      const now = performance.now();
      if (myPage === undefined && row?.status === 200 && (row.body as { status?: string }).status === 'DeliveryStarted') myPage = now - accepted;
      if (mileage === undefined && view && view.purchased >= purchased) mileage = now - accepted;
      if (myPage === undefined || mileage === undefined) await sleep(now - accepted < 1_000 ? 100 : 250);
    }
    if (myPage !== undefined) this.samples.myPage.push(myPage);
    if (mileage !== undefined) this.samples.mileage.push(mileage);
    if (myPage === undefined || mileage === undefined) this.samples.unseen += 1;
  }
}
