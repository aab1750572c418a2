import { EventPublisher, runMain, serviceBasics, startService, stopOnSignals } from '@bookstore/runtime';
import { APPS, METRICS_PREFIX, PROBLEM_BASE, PUBSUB } from '@bookstore/contracts';
import { config } from './config';
import { deliveryRoutes } from './adapters/inbound/http-routes';
import { deliverySubscriptions } from './adapters/inbound/subscriptions';
import { DaprDeliveryStore } from './adapters/outbound/delivery-store';
import { PublishedDeliveryEvents } from './adapters/outbound/events';

runMain(async () => {
  const { log, sidecar } = serviceBasics(APPS.delivery, config);
  const deliveries = new DaprDeliveryStore(sidecar);
  const events = new PublishedDeliveryEvents(new EventPublisher(sidecar, PUBSUB, APPS.delivery));
  const subscriptions = deliverySubscriptions(log, { deliveries, events, now: () => new Date().toISOString() });
  const service = await startService({
    name: APPS.delivery,
    problemBase: PROBLEM_BASE,
    metricsPrefix: METRICS_PREFIX,
    config,
    sidecar,
    log,
    subscriptions,
    routes: (app) => deliveryRoutes(app, deliveries),
  });
  stopOnSignals(service, log);
});
