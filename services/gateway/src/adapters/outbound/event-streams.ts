import Redis from 'ioredis';
import { deadLetterTopic } from '@bookstore/runtime';
import {
  AppId,
  BookRegistered,
  CustomerRegistered,
  DeliveryCancelled,
  DeliveryStarted,
  OrderCancelled,
  Ordered,
  OutOfStocked,
  StockIncreased,
} from '@bookstore/contracts';

const TOPICS = [BookRegistered, StockIncreased, CustomerRegistered, Ordered, OutOfStocked, OrderCancelled, DeliveryStarted, DeliveryCancelled].map(
  (c) => c.topic,
);

export interface GroupLag {
  topic: string;
  /** The subscriber (Dapr's consumer group is its app-id). */
  group: string;
  /** Events in the stream not yet delivered to it. */
  lag: number;
  /** Delivered, not yet acknowledged. */
  pending: number;
}

/**
 * The pub/sub component's Redis streams, read for the admin view: one stream per topic,
 * one consumer group per subscriber (Dapr's Redis pub/sub), and each subscriber's dead
 * letters on its own topic. A connection without the gateway's key prefix: these are Dapr's keys.
 */
export class EventStreams {
  constructor(private readonly redis: Redis) {}

  async lags(): Promise<GroupLag[]> {
    const all = await Promise.all(
      TOPICS.map(async (topic) => {
        const groups = (await this.redis.call('XINFO', 'GROUPS', topic).catch(() => [])) as Array<Array<string | number | null>>;
        return groups.map((fields) => {
          const get = (key: string) => fields[fields.indexOf(key) + 1];
          return { topic, group: String(get('name')), lag: Number(get('lag') ?? 0), pending: Number(get('pending') ?? 0) };
        });
      }),
    );
    return all.flat();
  }

  async deadLetters(apps: readonly AppId[]): Promise<Record<string, number>> {
    return Object.fromEntries(await Promise.all(apps.map(async (app) => [app, await this.redis.xlen(deadLetterTopic(app)).catch(() => -1)] as const)));
  }
}
