import express from 'express';
import request from 'supertest';
import { BatchEntry, createLogger, defineEvent, Outcome, Subscriptions, z } from '../src';

/** An event of the test's own (the runtime knows no app's events). */
const DeliveryStarted = defineEvent('DeliveryStarted', z.object({ deliveryId: z.string(), orderId: z.string(), customerId: z.string() }));

type Started = { deliveryId: string; orderId: string; customerId: string };

const event = (orderId: string, data: unknown = { deliveryId: `D${orderId}`, orderId, customerId: 'c1' }) => ({
  specversion: '1.0',
  id: `E${orderId}`,
  source: 'delivery',
  type: 'DeliveryStarted',
  datacontenttype: 'application/json',
  data,
});

function appWith(subscriptions: Subscriptions) {
  const app = express();
  app.use(subscriptions.router());
  return app;
}

const log = createLogger('test');

describe('subscriptions', () => {
  it('when a single-event handler throws, then the message is answered RETRY, never SUCCESS', async () => {
    const subs = new Subscriptions('pubsub', log).on(DeliveryStarted, async () => {
      throw new Error('store down');
    });
    const response = await request(appWith(subs)).post('/events/DeliveryStarted').send(event('o1'));
    expect(response.body).toEqual({ status: 'RETRY' });
  });

  it('when an event breaks its contract, then it is DROPped without reaching the handler', async () => {
    const seen: unknown[] = [];
    const subs = new Subscriptions('pubsub', log).on(DeliveryStarted, async (data) => {
      seen.push(data);
      return 'SUCCESS';
    });
    const response = await request(appWith(subs))
      .post('/events/DeliveryStarted')
      .send(event('o1', { orderId: 'o1' }));
    expect(response.body).toEqual({ status: 'DROP' });
    expect(seen).toEqual([]);
  });

  it('when a batch subscription is declared, then Dapr is asked for bulk delivery with its limits and the dead-letter topic', async () => {
    const subs = new Subscriptions('pubsub', log, { deadLetterTopic: 'deadletter-delivery' }).onBatch(
      DeliveryStarted,
      async (entries) => entries.map(() => 'SUCCESS'),
      {
        maxMessages: 50,
        maxAwaitMs: 5,
      },
    );
    const response = await request(appWith(subs)).get('/dapr/subscribe');
    expect(response.body).toEqual([
      {
        pubsubname: 'pubsub',
        topic: 'DeliveryStarted',
        route: '/events/DeliveryStarted',
        deadLetterTopic: 'deadletter-delivery',
        bulkSubscribe: { enabled: true, maxMessagesCount: 50, maxAwaitDurationMs: 5 },
      },
    ]);
  });

  it('when a bulk delivery mixes good and contract-breaking events, then the bad ones are DROPped, the good ones reach the handler in order, and each entry is answered by its id', async () => {
    const seen: Array<BatchEntry<Started>> = [];
    const subs = new Subscriptions('pubsub', log).onBatch(DeliveryStarted, async (entries) => {
      seen.push(...entries);
      return entries.map((e): Outcome => (e.data.orderId === 'o3' ? 'RETRY' : 'SUCCESS'));
    });
    const body = {
      entries: [
        { entryId: 'a', event: event('o1') },
        { entryId: 'b', event: event('o2', { orderId: 'o2' }) },
        { entryId: 'c', event: event('o3') },
        { entryId: 'd', event: 'not a cloud event' },
      ],
    };
    const response = await request(appWith(subs)).post('/events/DeliveryStarted').send(body);
    expect(response.body).toEqual({
      statuses: [
        { entryId: 'a', status: 'SUCCESS' },
        { entryId: 'b', status: 'DROP' },
        { entryId: 'c', status: 'RETRY' },
        { entryId: 'd', status: 'DROP' },
      ],
    });
    expect(seen.map((e) => [e.data.orderId, e.meta.eventId, e.meta.topic])).toEqual([
      ['o1', 'Eo1', 'DeliveryStarted'],
      ['o3', 'Eo3', 'DeliveryStarted'],
    ]);
  });

  it.each([
    ['throws', async (): Promise<Outcome[]> => Promise.reject(new Error('store down'))],
    ['answers fewer outcomes than entries', async (): Promise<Outcome[]> => ['SUCCESS']],
  ])('when a batch handler %s, then every valid entry of the batch is RETRY', async (_what, handler) => {
    const subs = new Subscriptions('pubsub', log).onBatch(DeliveryStarted, handler);
    const response = await request(appWith(subs))
      .post('/events/DeliveryStarted')
      .send({
        entries: [
          { entryId: 'a', event: event('o1') },
          { entryId: 'b', event: event('o2') },
          { entryId: 'c', event: event('o3', {}) },
        ],
      });
    expect(response.body.statuses.map((s: { status: string }) => s.status)).toEqual(['RETRY', 'RETRY', 'DROP']);
  });

  it('when a batch route gets one plain event, then it is handled as a batch of one and answered in the single-event shape', async () => {
    const subs = new Subscriptions('pubsub', log).onBatch(DeliveryStarted, async (entries) => entries.map(() => 'SUCCESS'));
    const response = await request(appWith(subs)).post('/events/DeliveryStarted').send(event('o1'));
    expect(response.body).toEqual({ status: 'SUCCESS' });
  });
});
