import Redis from 'ioredis';
import { APPS, runMain, serviceBasics, startService, stopOnSignals } from '@bookstore/runtime';
import { config } from './config';
import { customerCenterRoutes } from './adapters/inbound/http-routes';
import { customerCenterSubscriptions } from './adapters/inbound/subscriptions';
import { RedisMyPages } from './adapters/outbound/redis-my-pages';

runMain(async () => {
  const { log, sidecar } = serviceBasics(APPS.customercenter, config);
  const redis = new Redis({
    host: config.REDIS_HOST,
    port: config.REDIS_PORT,
    password: config.REDIS_PASSWORD,
    keyPrefix: 'customercenter:',
    maxRetriesPerRequest: 2,
  });
  const myPages = new RedisMyPages(redis);
  const service = await startService({
    name: APPS.customercenter,
    config,
    sidecar,
    log,
    subscriptions: customerCenterSubscriptions(log, myPages),
    routes: (app) => customerCenterRoutes(app, myPages),
    readiness: [{ name: 'redis', check: async () => (await redis.ping()) === 'PONG' }],
    onStop: [async () => void (await redis.quit())],
  });
  stopOnSignals(service, log);
});
