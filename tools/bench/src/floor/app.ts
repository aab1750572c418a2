/**
 * One app of the no-op floor: the same sidecar hops as an order, and no business logic.
 * FLOOR_ROLE picks what it does:
 *   edge     POST /order: invokes floor-order (service invocation), answers 201
 *   order    POST /place: one FloorActor turn (actor invocation), one state write to
 *            PostgreSQL, one publish of FloorOrdered
 *   book     hosts FloorActor (one state transaction per turn); subscribes FloorOrdered
 *   customer subscribes FloorOrdered
 *   delivery subscribes FloorOrdered and publishes FloorDelivered for each
 *   center   subscribes FloorOrdered and FloorDelivered
 * Like the shop's apps it refuses every call but /healthz without its app API token.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'undici';
import { FLOOR, FloorRole, SUBSCRIPTIONS } from './names';

const role = process.env.FLOOR_ROLE as FloorRole;
const port = Number(process.env.APP_PORT);
const appToken = Buffer.from(process.env.APP_API_TOKEN ?? '');
const daprToken = process.env.DAPR_API_TOKEN ?? '';
const sidecar = new Pool(`http://127.0.0.1:${process.env.DAPR_HTTP_PORT}`, { connections: 64, keepAliveTimeout: 60_000 });

async function dapr(method: 'POST' | 'PUT', path: string, body: unknown, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  const response = await sidecar.request({ method, path, headers: { 'dapr-api-token': daprToken, 'content-type': contentType }, body: JSON.stringify(body) });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.statusCode} ${text}`);
  return { status: response.statusCode, text };
}

const publish = (topic: string, data: unknown): Promise<unknown> =>
  dapr(
    'POST',
    `/v1.0/publish/${FLOOR.pubsub}/${topic}`,
    { specversion: '1.0', id: randomUUID(), source: role, type: topic, datacontenttype: 'application/json', data },
    'application/cloudevents+json',
  );

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? null);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function authorized(req: IncomingMessage): boolean {
  const given = Buffer.from(String(req.headers['dapr-api-token'] ?? ''));
  return given.length === appToken.length && timingSafeEqual(given, appToken);
}

type Handler = (body: unknown, path: string) => Promise<[number, unknown]>;

const subscriber: Handler = async (body) => {
  if (role === 'delivery') {
    const event = body as { data?: { id?: string } };
    await publish(FLOOR.delivered, { id: event.data?.id ?? 'unknown' });
  }
  return [200, { status: 'SUCCESS' }];
};

const routes: Record<string, Handler> = {
  'POST /order': async (body) => {
    const { text } = await dapr('POST', `/v1.0/invoke/${FLOOR.apps.order}/method/place`, body);
    return [201, JSON.parse(text)];
  },
  'POST /place': async (body) => {
    const actorId = String((body as { actorId?: unknown }).actorId ?? '0');
    const id = randomUUID();
    await dapr('POST', `/v1.0/actors/${FLOOR.actorType}/${actorId}/method/turn`, { id });
    await dapr('POST', `/v1.0/state/${FLOOR.orders}`, [{ key: id, value: { id, actorId } }]);
    await publish(FLOOR.ordered, { id, actorId });
    return [201, { id }];
  },
  'GET /dapr/config': async () => [
    200,
    role === 'book' ? { entities: [FLOOR.actorType], actorIdleTimeout: '1h', drainOngoingCallTimeout: '10s' } : { entities: [] },
  ],
  'GET /dapr/subscribe': async () => [200, SUBSCRIPTIONS[role].map((topic) => ({ pubsubname: FLOOR.pubsub, topic, route: `/events/${topic}` }))],
};

/** The FloorActor's turn: one state transaction, as the shop's actors commit a turn. */
const actorTurn: Handler = async (body, path) => {
  const actorId = path.split('/')[3] ?? '0';
  const { id } = body as { id: string };
  await dapr('POST', `/v1.0/state/${FLOOR.state}/transaction`, {
    operations: [{ operation: 'upsert', request: { key: `${FLOOR.actorType}:${actorId}:last`, value: id } }],
  });
  return [200, null];
};

function handlerOf(method: string, path: string): Handler | undefined {
  const exact = routes[`${method} ${path}`];
  if (exact) return exact;
  if (method === 'POST' && path.startsWith('/events/')) return subscriber;
  if (method === 'PUT' && role === 'book' && path.startsWith(`/actors/${FLOOR.actorType}/`) && path.includes('/method/')) return actorTurn;
  if (method === 'DELETE' && path.startsWith('/actors/')) return async () => [200, null];
  return undefined;
}

createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  const path = (req.url ?? '/').split('?')[0]!;
  if (path === '/healthz') return send(res, 200, { status: 'ok' });
  // The edge is the floor's public door (as the gateway's routes are); the rest is internal.
  if (role !== 'edge' && !authorized(req)) return send(res, 401, { title: 'unauthorized' });
  const handler = handlerOf(req.method ?? 'GET', path);
  if (!handler) return send(res, 404, { title: 'not found' });
  readBody(req)
    .then((body) => handler(body, path))
    .then(([status, body]) => send(res, status, body))
    .catch((error: unknown) => {
      console.error(`${new Date().toISOString()} ${req.method} ${path}: ${String(error)}`);
      send(res, 500, { title: String(error) });
    });
}).listen(port, '127.0.0.1');
