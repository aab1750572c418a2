import { ActorHost, APPS, runMain, serviceBasics, startService, stopOnSignals } from '@bookstore/runtime';
import { config } from './config';
import { customerActorType } from './adapters/inbound/customer-actor';
import { customerSubscriptions } from './adapters/inbound/subscriptions';
import { CustomerActors } from './adapters/outbound/customer-actors';

runMain(async () => {
  const { log, sidecar } = serviceBasics(APPS.customer, config);
  const actors = new ActorHost(sidecar, log).register(customerActorType);
  const customers = new CustomerActors(sidecar);
  const service = await startService({
    name: APPS.customer,
    config,
    sidecar,
    log,
    actors,
    subscriptions: customerSubscriptions(log, customers),
  });
  stopOnSignals(service, log);
});
