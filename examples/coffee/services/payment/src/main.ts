import { ActorHost, runMain, serviceBasics, startService, stopOnSignals } from '@bookstore/runtime';
import { APPS, PUBSUB, STATE_STORE } from '@coffee/contracts';
import { registerPaymentActor } from './adapters/inbound/payment-actor';
import { loadConfig } from './config';

runMain(async () => {
  const config = loadConfig();
  const { log, sidecar } = serviceBasics(APPS.payment, config);
  const actors = registerPaymentActor(new ActorHost(sidecar, log, { source: APPS.payment, store: STATE_STORE, pubsub: PUBSUB }));
  const service = await startService({
    name: APPS.payment,
    config,
    sidecar,
    log,
    actors,
    problemBase: 'https://coffee.example/problems/',
    metricsPrefix: 'coffee_payment',
  });
  stopOnSignals(service, log);
});
