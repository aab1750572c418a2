import Redis from 'ioredis';
import { APPS, runMain, serviceBasics, startService, stopOnSignals } from '@bookstore/runtime';
import { config } from './config';
import { customerCenterRoutes } from './adapters/inbound/http-routes';
import { customerCenterSubscriptions, ReadModels } from './adapters/inbound/subscriptions';
import { NotificationRelay } from './adapters/outbound/notification-relay';
import { RedisCustomers } from './adapters/outbound/redis-customers';
import { RedisMyPages } from './adapters/outbound/redis-my-pages';
import { RedisNotifications } from './adapters/outbound/redis-notifications';
import { RedisOutOfStock } from './adapters/outbound/redis-out-of-stock';
import { scriptsOn } from './adapters/outbound/scripts';

/** The output binding that notifications are handed to (components/notifications.yaml). */
const NOTIFICATIONS_BINDING = 'notifications';

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
  const relay = new NotificationRelay(redis, scripts, (delivery) => sidecar.invokeBinding(NOTIFICATIONS_BINDING, 'post', delivery), log);
  const service = await startService({
    name: APPS.customercenter,
    config,
    sidecar,
    log,
    subscriptions: customerCenterSubscriptions(log, models),
    routes: (app) => customerCenterRoutes(app, models),
    readiness: [{ name: 'redis', check: async () => (await redis.ping()) === 'PONG' }],
    onStop: [() => relay.stop(), async () => void (await redis.quit())],
  });
  relay.start();
  stopOnSignals(service, log);
});
