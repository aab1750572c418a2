import Redis from 'ioredis';
import { ActorHost, runMain, serviceBasics, startService, stopOnSignals } from '@bookstore/runtime';
import { APPS, METRICS_PREFIX, PROBLEM_BASE, PUBSUB, STORES } from '@bookstore/contracts';
import { config } from './config';
import { bookActorType } from './adapters/inbound/book-actor';
import { bookRoutes } from './adapters/inbound/http-routes';
import { bookSubscriptions } from './adapters/inbound/subscriptions';
import { BookActors } from './adapters/outbound/book-actors';
import { InvokedOrderFates } from './adapters/outbound/order-fates';
import { RedisCatalog } from './adapters/outbound/redis-catalog';
import { RedisIdempotency } from './adapters/outbound/redis-idempotency';

runMain(async () => {
  const { log, sidecar } = serviceBasics(APPS.book, config);
  const redis = new Redis({
    host: config.REDIS_HOST,
    port: config.REDIS_PORT,
    password: config.REDIS_PASSWORD,
    keyPrefix: 'book:',
    maxRetriesPerRequest: 2,
  });
  const catalog = new RedisCatalog(redis);
  const books = new BookActors(sidecar);
  const holdSettings = { graceMs: config.HOLD_GRACE_MS, periodSeconds: config.HOLD_SETTLE_PERIOD_SECONDS };
  const actors = new ActorHost(sidecar, log, { source: APPS.book, store: STORES.actors, pubsub: PUBSUB }).register(
    bookActorType(catalog, new InvokedOrderFates(sidecar), holdSettings),
  );
  const deps = {
    books,
    catalog,
    idempotency: new RedisIdempotency(redis),
    retryAfterSeconds: config.RETRY_AFTER_SECONDS,
  };
  const service = await startService({
    name: APPS.book,
    problemBase: PROBLEM_BASE,
    metricsPrefix: METRICS_PREFIX,
    config,
    sidecar,
    log,
    actors,
    subscriptions: bookSubscriptions(log, books),
    routes: (app) => bookRoutes(app, deps),
    readiness: [{ name: 'redis', check: async () => (await redis.ping()) === 'PONG' }],
    onStop: [async () => void (await redis.quit())],
  });
  stopOnSignals(service, log);
});
