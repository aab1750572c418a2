import { APPS, runMain, serviceBasics, startService, stopOnSignals } from '@bookstore/runtime';
import { config } from './config';

// Sign-up, login and the CustomerActor arrive with the API's full contract; until then
// the service runs with its sidecar so the stack's shape and health are complete.
runMain(async () => {
  const { log, sidecar } = serviceBasics(APPS.customer, config);
  const service = await startService({ name: APPS.customer, config, sidecar, log });
  stopOnSignals(service, log);
});
