import Redis from 'ioredis';
import { runMain, serviceBasics, startService, stopOnSignals } from '@bookstore/runtime';
import { APPS, BINDINGS, METRICS_PREFIX, PROBLEM_BASE } from '@bookstore/contracts';
import { config } from './config';
import { customerCenterRoutes } from './adapters/inbound/http-routes';
import { LiveUpdates } from './adapters/inbound/live-updates';
import { customerCenterSubscriptions, ReadModels } from './adapters/inbound/subscriptions';
import { NotificationRelay } from './adapters/outbound/notification-relay';
import { RedisLiveFeed } from './adapters/outbound/redis-live-feed';
import { RedisCustomers } from './adapters/outbound/redis-customers';
import { RedisMyPages } from './adapters/outbound/redis-my-pages';
import { RedisNotifications } from './adapters/outbound/redis-notifications';
import { RedisOutOfStock } from './adapters/outbound/redis-out-of-stock';
import { scriptsOn } from './adapters/outbound/scripts';

/** The output binding that notifications are handed to (components/notifications.yaml). */

runMain(async () => {
  const { log, sidecar } = serviceBasics(APPS.customercenter, config);
  const redis = new Redis({
    host: config.REDIS_HOST,
    port: config.REDIS_PORT,
    password: config.REDIS_PASSWORD,
    keyPrefix: 'customercenter:',
    maxRetriesPerRequest: 2,
  });
  const scripts = scriptsOn(redis);
  const models: ReadModels = {
    myPages: new RedisMyPages(redis),
    customers: new RedisCustomers(redis, scripts),
    notifications: new RedisNotifications(redis, scripts),
    outOfStock: new RedisOutOfStock(redis, scripts),
  };
  // Pub/sub needs a connection of its own: a subscribed connection runs no other command.
  const live = new LiveUpdates(redis.duplicate({ maxRetriesPerRequest: null }), models.myPages, log);
  live.start();
  const relay = new NotificationRelay(redis, scripts, (delivery) => sidecar.invokeBinding(BINDINGS.notifications, 'post', delivery), log);
  const service = await startService({
    name: APPS.customercenter,
    problemBase: PROBLEM_BASE,
    metricsPrefix: METRICS_PREFIX,
    config,
    sidecar,
    log,
    subscriptions: customerCenterSubscriptions(log, models, new RedisLiveFeed(redis, log)),
    routes: (app) => customerCenterRoutes(app, models, live),
    readiness: [{ name: 'redis', check: async () => (await redis.ping()) === 'PONG' }],
    beforeClose: [() => live.stop()],
    onStop: [() => relay.stop(), async () => void (await redis.quit())],
  });
  relay.start();
  stopOnSignals(service, log);
});
