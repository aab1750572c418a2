import { ActorHost, EventPublisher, issueToken, readSecrets, runMain, serviceBasics, signingKeyProblem, startService, stopOnSignals } from '@bookstore/runtime';
import { ADMIN_EMAIL, APPS, IDENTITY, METRICS_PREFIX, PROBLEM_BASE, PUBSUB, SECRET_STORE, SECRETS, STORES } from '@bookstore/contracts';
import { config } from './config';
import { adminAccountProblem } from './domain/admin-account';
import { customerActorType } from './adapters/inbound/customer-actor';
import { emailClaimActorType } from './adapters/inbound/email-claim-actor';
import { customerRoutes } from './adapters/inbound/http-routes';
import { customerSubscriptions } from './adapters/inbound/subscriptions';
import { CustomerActors, EmailClaimActors } from './adapters/outbound/customer-actors';
import { PublishedCustomerEvents } from './adapters/outbound/events';
import { ScryptHasher } from './adapters/outbound/password-hasher';

runMain(async () => {
  const { log, sidecar } = serviceBasics(APPS.customer, config);
  const secrets = await readSecrets(sidecar, SECRET_STORE, [SECRETS.jwtSigningKey, SECRETS.adminPassword], config.SIDECAR_WAIT_MS);
  const refusal = signingKeyProblem(secrets[SECRETS.jwtSigningKey], config.NODE_ENV) ?? adminAccountProblem(config.NODE_ENV, secrets[SECRETS.adminPassword]);
  if (refusal) throw new Error(refusal);
  const customers = new CustomerActors(sidecar);
  const hasher = new ScryptHasher();
  const deps = {
    customers,
    emails: new EmailClaimActors(sidecar),
    hasher,
    tokens: { issue: (caller: Parameters<typeof issueToken>[0]) => issueToken(caller, secrets[SECRETS.jwtSigningKey], IDENTITY) },
    events: new PublishedCustomerEvents(new EventPublisher(sidecar, PUBSUB, APPS.customer)),
    admin: { email: ADMIN_EMAIL, password: secrets[SECRETS.adminPassword] },
  };
  const actors = new ActorHost(sidecar, log, { source: APPS.customer, store: STORES.actors, pubsub: PUBSUB })
    .register(customerActorType(hasher))
    .register(emailClaimActorType);
  const service = await startService({
    name: APPS.customer,
    problemBase: PROBLEM_BASE,
    metricsPrefix: METRICS_PREFIX,
    config,
    sidecar,
    log,
    actors,
    subscriptions: customerSubscriptions(log, customers),
    routes: (app) => customerRoutes(app, deps),
  });
  stopOnSignals(service, log);
});
