import { APPS, EventPublisher, runMain, serviceBasics, startService, stopOnSignals } from '@bookstore/runtime';
import { config } from './config';
import { orderRoutes } from './adapters/inbound/http-routes';
import { PublishedOrderEvents } from './adapters/outbound/events';
import { DaprOrderStore } from './adapters/outbound/order-store';
import { BookActorStock } from './adapters/outbound/stock-reservations';

runMain(async () => {
  const { log, sidecar } = serviceBasics(APPS.order, config);
  const deps = {
    stock: new BookActorStock(sidecar, config.STOCK_CALL_TIMEOUT_MS),
    orders: new DaprOrderStore(sidecar),
    events: new PublishedOrderEvents(new EventPublisher(sidecar, APPS.order)),
    retryAfterSeconds: config.RETRY_AFTER_SECONDS,
  };
  const service = await startService({ name: APPS.order, config, sidecar, log, routes: (app) => orderRoutes(app, deps) });
  stopOnSignals(service, log);
});
