import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { portPlan, readCredentials, SERVICES, ServiceName } from '../../tools/stack/src';
import { LOOPBACK, RawRequest, send } from './support/raw-http';

/**
 * Around the gateway: a local process that calls an app or a sidecar directly, with no token,
 * is refused (issue 7, items 2-4). Identity headers are forged on every call, to show they
 * buy nothing without the token.
 */
const { plan } = portPlan(process.env);
const forgedAdmin = { 'x-bookstore-caller-id': 'admin', 'x-bookstore-caller-role': 'admin', 'content-type': 'application/json' };
const json = (method: string, path: string, body?: unknown): RawRequest => ({
  method,
  path,
  headers: forgedAdmin,
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

/** What each app serves besides the public API: business routes, actors, subscriptions, internals. */
const APP_CALLS: Record<Exclude<ServiceName, 'gateway'>, RawRequest[]> = {
  book: [
    json('PATCH', '/books/reStock', { bookId: 'abuse-no-such-book', stock: 5 }),
    json('PUT', '/actors/BookActor/abuse-no-such-book/method/restock', { restockId: 'abuse', qty: -5 }),
    json('GET', '/dapr/config'),
  ],
  customer: [json('GET', '/customers/abuse-no-such-customer'), json('PUT', '/actors/CustomerActor/abuse-no-such-customer/method/credentials', {})],
  order: [json('GET', '/internal/orders/abuse-no-such-order/fate'), json('GET', '/orders')],
  delivery: [json('GET', '/deliveries?orderId=abuse-no-such-order'), json('POST', '/events/Ordered', {}), json('GET', '/dapr/subscribe')],
  customercenter: [json('GET', '/marketingTargets'), json('POST', '/events/CustomerRegistered', {})],
};

/** Sidecar APIs an attacker wants: secrets, metadata, actors, publishing, state, invocation. */
const SIDECAR_CALLS: RawRequest[] = [
  json('GET', '/v1.0/metadata'),
  json('GET', '/v1.0/secrets/secretstore/bulk'),
  json('GET', '/v1.0/secrets/secretstore/jwt-signing-key'),
  json('PUT', '/v1.0/actors/BookActor/abuse-no-such-book/method/restock', { restockId: 'abuse', qty: -5 }),
  // An event no consumer can use (invalid data), so a sidecar that lets it through changes nothing.
  json('POST', '/v1.0/publish/pubsub/abuse-probe', {}),
  json('GET', '/v1.0/state/statestore/abuse-probe'),
  json('GET', '/v1.0/invoke/order/method/internal/orders/abuse-no-such-order/fate'),
  // Not /v1.0/shutdown: on a sidecar that answered it, the rest of the run would have no stack.
];

const describeCall = (port: number, r: RawRequest): string => `${r.method} 127.0.0.1:${port}${r.path}`;

async function statusOf(port: number, request: RawRequest): Promise<string> {
  try {
    return String((await send(port, request, 5_000)).status);
  } catch (error) {
    return `no answer (${(error as Error).message})`;
  }
}

describe('direct calls to the apps, without the app API token', () => {
  it.each(Object.entries(APP_CALLS))('when %s is called around its sidecar, then every call is 401', async (service, calls) => {
    const port = plan.services[service as ServiceName].app;
    const answers = await Promise.all(calls.map(async (call) => `${describeCall(port, call)} -> ${await statusOf(port, call)}`));
    expect(answers).toEqual(calls.map((call) => `${describeCall(port, call)} -> 401`));
  });

  it('when the gateway app is called on routes that are not the public API, then none is served', async () => {
    const port = plan.services.gateway.app;
    const calls = [
      json('GET', '/dapr/config'),
      json('GET', '/dapr/subscribe'),
      json('PUT', '/actors/BookActor/x/method/restock', { qty: 1 }),
      json('GET', '/internal/orders/x/fate'),
    ];
    const answers = await Promise.all(calls.map(async (call) => ({ call: describeCall(port, call), status: await statusOf(port, call) })));
    // The gateway is the public door: refusing (401) or not knowing the route (404) are both fine; serving it is not.
    expect(answers.filter((a) => a.status !== '401' && a.status !== '404')).toEqual([]);
  });
});

describe('direct calls to the sidecars, without the Dapr API token', () => {
  it.each(SERVICES.map((s) => [s]))('when the %s sidecar is called, then every call is 401', async (service) => {
    const port = plan.services[service].http;
    const answers = await Promise.all(SIDECAR_CALLS.map(async (call) => `${describeCall(port, call)} -> ${await statusOf(port, call)}`));
    expect(answers).toEqual(SIDECAR_CALLS.map((call) => `${describeCall(port, call)} -> 401`));
  });
});

describe("Dapr's own controls, with a sidecar's valid token", () => {
  it('when a sidecar that may invoke calls a route access control does not grant it, then Dapr refuses it (403)', async () => {
    const { apps } = readCredentials();
    const call = async (service: ServiceName, path: string) =>
      (await send(plan.services[service].http, { method: 'GET', path, headers: { 'dapr-api-token': apps[service].daprApiToken } })).status;
    // The tokens are good: the same calls on granted routes are answered by the apps.
    expect(await call('book', '/v1.0/invoke/order/method/internal/orders/abusenosuchorder/fate')).toBe(200);
    expect(await call('gateway', '/v1.0/invoke/book/method/books')).toBe(200);
    // The gateway may reach a service's public routes, never its internal ones; the book only the fate route.
    expect(await call('gateway', '/v1.0/invoke/order/method/internal/orders/abusenosuchorder/fate')).toBe(403);
    expect(await call('book', '/v1.0/invoke/order/method/orders')).toBe(403);
    expect(await call('book', '/v1.0/invoke/customer/method/customers/abusenosuchcustomer')).toBe(403);
  });

  it('when a sidecar is asked for a building block its app does not use, then it does not serve it (api.allowed)', async () => {
    const { apps } = readCredentials();
    const call = async (service: ServiceName, path: string) =>
      (await send(plan.services[service].http, { method: 'GET', path, headers: { 'dapr-api-token': apps[service].daprApiToken } })).status;
    expect(await call('delivery', '/v1.0/invoke/order/method/internal/orders/abusenosuchorder/fate')).toBe(404);
    expect(await call('gateway', '/v1.0/state/statestore/anykey')).not.toBe(200);
    expect(await call('gateway', '/v1.0/secrets/secretstore/admin-password')).toBe(403);
    expect(await call('customercenter', '/v1.0/secrets/secretstore/jwt-signing-key')).not.toBe(200);
  });

  it('when the delivery sidecar publishes Ordered, then the pub/sub scopes refuse it (403)', async () => {
    const { apps } = readCredentials();
    const port = plan.services.delivery.http;
    const published = await send(port, {
      method: 'POST',
      path: '/v1.0/publish/pubsub/Ordered',
      headers: { 'dapr-api-token': apps.delivery.daprApiToken, 'content-type': 'application/json' },
      // Not a valid Ordered event either: were it delivered, consumers would drop it.
      body: JSON.stringify({ abuse: 'forbidden publish' }),
    });
    expect(published.status).toBe(403);
  });
});

/** Every TCP listener of the processes that own one of the plan's ports: `address:port (process)`. */
function stackListeners(): Array<{ local: string; owner: string }> {
  const ports = new Set(portPlan(process.env).entries.map((e) => e.port));
  const rows = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      const local = columns[3] ?? '';
      const pids = [...(line.match(/pid=(\d+)/g) ?? [])].map((p) => p.slice(4));
      const owner = /users:\(\("([^"]+)"/.exec(line)?.[1] ?? '?';
      return { local, port: Number(local.slice(local.lastIndexOf(':') + 1)), pids, owner };
    });
  const stackPids = new Set(rows.filter((r) => ports.has(r.port)).flatMap((r) => r.pids));
  return rows.filter((r) => r.pids.some((p) => stackPids.has(p))).map((r) => ({ local: r.local, owner: r.owner }));
}

describe('listeners', () => {
  it('when the stack runs, then every listening socket of its processes is on 127.0.0.1', () => {
    const listeners = stackListeners();
    // The gateway, at least, is found: the check looks at the right processes.
    expect(listeners.map((l) => l.local)).toContain(`${LOOPBACK}:${plan.services.gateway.app}`);
    // The one exception, documented in the README's security model: Dapr 1.18.2's control
    // plane binds its healthz servers on every interface whatever --healthz-listen-address says.
    const exempt = new Set([plan.sentry.healthz, plan.placement.healthz, plan.scheduler.healthz].map((port) => `*:${port}`));
    const open = listeners.filter((l) => !l.local.startsWith(`${LOOPBACK}:`) && !exempt.has(l.local));
    expect(open.map((l) => `${l.local} (${l.owner})`)).toEqual([]);
  });

  it('when Redis is asked anything without its password, then it refuses (NOAUTH)', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(plan.redis, LOOPBACK, () => socket.write('PING\r\n'));
      socket.setTimeout(3_000, () => socket.destroy(new Error('Redis did not answer')));
      socket.once('data', (data) => {
        resolve(data.toString());
        socket.end();
      });
      socket.once('error', reject);
    });
    expect(answer).toMatch(/^-NOAUTH/);
  });
});
