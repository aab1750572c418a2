import { EventPublisher, newId, runMain, serviceBasics, startService, stopOnSignals } from '@bookstore/runtime';
import { APPS, PUBSUB, STATE_STORE } from '@coffee/contracts';
import { orderRoutes } from './adapters/inbound/http-routes';
import { viewSubscriptions } from './adapters/inbound/subscriptions';
import { PublishedOrderEvents } from './adapters/outbound/order-events';
import { DaprOrderViews } from './adapters/outbound/order-views';
import { ActorPayments } from './adapters/outbound/payments';
import { loadConfig } from './config';

runMain(async () => {
  const config = loadConfig();
  const { log, sidecar } = serviceBasics(APPS.order, config);
  const views = new DaprOrderViews(sidecar, STATE_STORE);
  const deps = {
    payments: new ActorPayments(sidecar, config.PAYMENT_TIMEOUT_MS),
    views,
    events: new PublishedOrderEvents(new EventPublisher(sidecar, PUBSUB, APPS.order)),
    newId: () => newId(),
  };
  const service = await startService({
    name: APPS.order,
    problemBase: 'https://coffee.example/problems/',
    metricsPrefix: 'coffee_order',
    config,
    sidecar,
    log,
    subscriptions: viewSubscriptions(views, log),
    routes: (app) => orderRoutes(app, deps, config.RETRY_AFTER_SECONDS),
  });
  stopOnSignals(service, log);
});
