import { ActorHost, APPS, EventPublisher, runMain, serviceBasics, startService, stopOnSignals } from '@bookstore/runtime';
import { config } from './config';
import { bookActorType } from './adapters/inbound/book-actor';
import { bookRoutes } from './adapters/inbound/http-routes';
import { BookActors } from './adapters/outbound/book-actors';

runMain(async () => {
  const { log, sidecar } = serviceBasics(APPS.book, config);
  const actors = new ActorHost(sidecar, log).register(bookActorType);
  const deps = { books: new BookActors(sidecar), events: new EventPublisher(sidecar, APPS.book) };
  const service = await startService({
    name: APPS.book,
    config,
    sidecar,
    log,
    actors,
    routes: (app) => bookRoutes(app, deps),
  });
  stopOnSignals(service, log);
});
