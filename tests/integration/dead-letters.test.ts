import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { listDeadLetters, localRedis, publisherSidecars, replayDeadLetters } from '../../tools/stack/src/deadletters';
import { portPlan, readCredentials } from '../../tools/stack/src';
import { admin } from '../support/auth';
import { eventually, gateway } from '../support/gateway';

const { plan } = portPlan();

describe('dead letters', () => {
  let redis: Redis;
  const publishers = () => publisherSidecars(plan, readCredentials());
  beforeAll(() => {
    redis = localRedis(plan, readCredentials());
  });
  afterAll(() => redis.disconnect());

  it('when an event breaks its contract, then every subscriber drops it to its dead-letter topic, where it can be seen', async () => {
    const id = `poison-${randomUUID()}`;
    const poison = { specversion: '1.0', id, source: 'test', type: 'Ordered', datacontenttype: 'application/json', data: { orderId: 'x', qty: 'lots' } };
    // Published as the order service would (only it may publish Ordered), with a broken body.
    const order = publishers()('Ordered')!;
    const published = await fetch(`${order.url}/v1.0/publish/pubsub/Ordered`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json', 'dapr-api-token': order.token },
      body: JSON.stringify(poison),
    });
    expect(published.status).toBe(204);
    const apps = await eventually(
      async () =>
        (await listDeadLetters(redis))
          .filter((l) => l.eventId === id)
          .map((l) => l.app)
          .sort(),
      (found) => found.length === 4,
    );
    expect(apps).toEqual(['book', 'customer', 'customercenter', 'delivery']);
    expect((await listDeadLetters(redis)).find((l) => l.eventId === id)?.topic).toBe('Ordered');
  });

  it('when a dead letter is replayed, then it goes back to its topic, is handled, and leaves the dead-letter topic', async () => {
    const orderId = `DL${Date.now()}`;
    const event = {
      specversion: '1.0',
      id: `${orderId}-ordered`,
      source: 'order',
      type: 'Ordered',
      topic: 'Ordered',
      datacontenttype: 'application/json',
      data: { orderId, bookId: 'b-dl', customerId: 'c-dl', qty: 1, price: 1000, orderedAt: new Date().toISOString() },
    };
    await redis.xadd('deadletter-delivery', '*', 'data', JSON.stringify(event));
    const replayed = await replayDeadLetters(redis, publishers(), 'delivery');
    expect(replayed.map((l) => l.eventId)).toContain(event.id);
    expect((await listDeadLetters(redis)).some((l) => l.eventId === event.id)).toBe(false);
    const token = await admin();
    const deliveries = await eventually(
      () => gateway().get('/deliveries').query({ orderId }).set('Authorization', token),
      (r) => r.status === 200 && r.body.items?.[0]?.status === 'DeliveryStarted',
    );
    expect(deliveries.body.items[0]).toMatchObject({ orderId, status: 'DeliveryStarted' });
  });
});
