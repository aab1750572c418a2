import { EventPublisher, runMain, serviceBasics, startService, stopOnSignals } from '@bookstore/runtime';
import { APPS, PUBSUB, STATE_STORE } from '@coffee/contracts';
import { baristaSubscriptions } from './adapters/inbound/subscriptions';
import { PublishingCounter } from './adapters/outbound/counter';
import { DaprCupStore } from './adapters/outbound/cup-store';
import { loadConfig } from './config';

runMain(async () => {
  const config = loadConfig();
  const { log, sidecar } = serviceBasics(APPS.barista, config);
  const subscriptions = baristaSubscriptions(
    new DaprCupStore(sidecar, STATE_STORE),
    new PublishingCounter(new EventPublisher(sidecar, PUBSUB, APPS.barista)),
    log,
  );
  const service = await startService({
    name: APPS.barista,
    config,
    sidecar,
    log,
    subscriptions,
    problemBase: 'https://coffee.example/problems/',
    metricsPrefix: 'coffee_barista',
  });
  stopOnSignals(service, log);
});
