import { Admission, EventPublisher, newId, runMain, serviceBasics, startService, stopOnSignals } from '@bookstore/runtime';
import { APPS, METRICS_PREFIX, PROBLEM_BASE, PUBSUB, STORES } from '@bookstore/contracts';
import { config } from './config';
import { orderRoutes } from './adapters/inbound/http-routes';
import { StoredIdempotencyKeys } from './adapters/outbound/idempotency-keys';
import { DaprOrderStore } from './adapters/outbound/order-store';
import { OutboxRelay } from './adapters/outbound/outbox';
import { BatchingBookStock, reserveManyOnBookActor } from './adapters/outbound/stock-reservations';
import { VersionedState } from './adapters/outbound/versioned-state';

runMain(async () => {
  const { log, sidecar } = serviceBasics(APPS.order, config);
  const state = new VersionedState(sidecar, STORES.orders, config.STATE_CALL_TIMEOUT_MS);
  const relay = new OutboxRelay(state, new EventPublisher(sidecar, PUBSUB, APPS.order), log, {
    sweepEveryMs: config.OUTBOX_SWEEP_MS,
    graceMs: config.OUTBOX_GRACE_MS,
  });
  const orders = new DaprOrderStore(state);
  const stock = new BatchingBookStock(reserveManyOnBookActor(sidecar), config.STOCK_CALL_TIMEOUT_MS);
  const deps = {
    stock,
    orders,
    keys: new StoredIdempotencyKeys(state),
    events: relay,
    claimPolicy: { leaseMs: config.IDEMPOTENCY_LEASE_MS, pollMs: 100, maxWaitMs: config.IDEMPOTENCY_WAIT_MS },
    newId: () => newId(),
    now: () => new Date(),
    nowMs: () => Date.now(),
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    retryAfterSeconds: config.RETRY_AFTER_SECONDS,
    log,
    admission: new Admission({ concurrency: config.ADMISSION_CONCURRENCY, queue: config.ADMISSION_QUEUE, maxWaitMs: config.ADMISSION_MAX_WAIT_MS }),
  };
  const service = await startService({
    name: APPS.order,
    problemBase: PROBLEM_BASE,
    metricsPrefix: METRICS_PREFIX,
    config,
    sidecar,
    log,
    routes: (app) => orderRoutes(app, deps),
    onStop: [() => relay.stop()],
  });
  service.metrics.gauge('bookstore_stock_breaker_open', 'The stock breaker as the last stock call saw it: 1 open, 0 closed', [], async () => [
    { labels: {}, value: stock.observed.breaker === 'open' ? 1 : 0 },
  ]);
  service.metrics.gauge('bookstore_stock_books_waiting', 'Books with stock calls queued behind a turn', [], async () => [
    { labels: {}, value: stock.observed.booksWaiting },
  ]);
  service.metrics.gauge('bookstore_outbox_events', 'Order events not yet published: being sent, and found by the last sweep', ['stage'], async () => [
    { labels: { stage: 'in-flight' }, value: relay.depth.inFlight },
    { labels: { stage: 'at-last-sweep' }, value: relay.depth.pendingAtSweep },
  ]);
  relay.start();
  stopOnSignals(service, log);
});
