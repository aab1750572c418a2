import { admin, registerBook, signUpCustomer, TestCustomer } from '../../support/auth';
import { allPages } from '../../support/center';
import { eventually, gateway } from '../../support/gateway';
import { placeOrder } from '../../support/orders';
import { World } from './fuzz-requests';

/**
 * The fuzz's fixed world: a book, a witness customer with one delivered order, and the
 * fuzzer's own customer. Nothing the fuzz sends may change what `snapshot` reads.
 */
export async function makeWorld(): Promise<{ world: World; witness: TestCustomer }> {
  const adminBearer = await admin();
  const book = await registerBook({ price: 7_000, stock: 40 });
  const [witness, fuzzer] = await Promise.all([signUpCustomer('Fuzz Witness'), signUpCustomer('Fuzzer')]);
  const order = await placeOrder(witness, book.bookId, 2);
  const settled = await eventually(
    () => gateway().get(`/myPages/${order.orderId}`).set('Authorization', witness.bearer),
    (r) => r.status === 200 && r.body.status === 'DeliveryStarted',
  );
  if (settled.body.status !== 'DeliveryStarted') throw new Error(`the witness's order did not settle: ${JSON.stringify(settled.body)}`);
  return {
    world: {
      bookId: book.bookId,
      orderId: order.orderId,
      customerId: witness.customerId,
      fuzzer: { customerId: fuzzer.customerId, bearer: fuzzer.bearer },
      adminBearer,
    },
    witness,
  };
}

async function body(path: string, bearer?: string): Promise<unknown> {
  const request = gateway().get(path);
  if (bearer) request.set('Authorization', bearer);
  const response = await request;
  return { status: response.status, body: response.body as unknown };
}

/** What the fuzz must leave as it found it: the witness's book, profile, orders, views, and how many of everything exist. */
export async function snapshot(world: World): Promise<Record<string, unknown>> {
  const a = world.adminBearer;
  const [book, witness, fuzzer, witnessOrders, myPages, deliveries, books, orders, customers, fuzzerOrders, fuzzerPages] = await Promise.all([
    body(`/books/${world.bookId}`),
    body(`/customers/${world.customerId}`, a),
    body(`/customers/${world.fuzzer.customerId}`, a),
    allPages('/orders', a, { customerId: world.customerId }),
    allPages('/myPages', a, { customerId: world.customerId }),
    body(`/deliveries?orderId=${world.orderId}`, a),
    allPages('/books', a, { limit: 200 }),
    allPages('/orders', a, { limit: 200 }),
    allPages('/marketingTargets', a, { limit: 200 }),
    allPages('/orders', world.fuzzer.bearer),
    allPages('/myPages', world.fuzzer.bearer),
  ]);
  return {
    book,
    witness,
    fuzzer,
    witnessOrders,
    myPages,
    deliveries,
    bookCount: books.length,
    orderCount: orders.length,
    customerCount: customers.length,
    fuzzerOrders,
    fuzzerPages,
  };
}
