import Redis from 'ioredis';
import { Admission, readSecrets, runMain, serviceBasics, signingKeyProblem, startService, stopOnSignals, TokenVerifier } from '@bookstore/runtime';
import { APPS, IDENTITY, METRICS_PREFIX, PROBLEM_BASE, SECRET_STORE, SECRETS } from '@bookstore/contracts';
import { config } from './config';
import { adminStatus } from './adapters/inbound/admin-status';
import { apiDocs } from './adapters/inbound/api-docs';
import { liveRoutes } from './adapters/inbound/live-route';
import { storefront } from './adapters/inbound/storefront';
import { answerUnreadableRequests, cors, setSecurityHeadersOn } from './adapters/inbound/edge';
import { LoginThrottle, requestBudget } from './adapters/inbound/limits';
import { proxyRoutes } from './adapters/inbound/proxy-routes';
import { EventStreams } from './adapters/outbound/event-streams';
import { Upstreams } from './adapters/outbound/upstream';
import { RequestBudget } from './domain/rate-limits';
import { UPSTREAMS } from './domain/routing';

runMain(async () => {
  const { log, sidecar } = serviceBasics(APPS.gateway, config);
  const secrets = await readSecrets(sidecar, SECRET_STORE, [SECRETS.jwtSigningKey], config.SIDECAR_WAIT_MS);
  // Optional: present only during a key rotation (and only if the gateway's secret scope allows it).
  const previous = await sidecar.getSecret(SECRET_STORE, SECRETS.jwtPreviousSigningKey).catch(() => undefined);
  const keyProblem =
    signingKeyProblem(secrets[SECRETS.jwtSigningKey], config.NODE_ENV) ??
    (previous ? signingKeyProblem(previous, config.NODE_ENV, SECRETS.jwtPreviousSigningKey) : undefined);
  if (keyProblem) throw new Error(keyProblem);
  const tokens = new TokenVerifier({ current: secrets[SECRETS.jwtSigningKey], previous: previous || undefined }, IDENTITY);
  const redis = new Redis({
    host: config.REDIS_HOST,
    port: config.REDIS_PORT,
    password: config.REDIS_PASSWORD,
    keyPrefix: 'gateway:',
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
  });
  redis.on('error', (error: unknown) => log.debug('redis', { error: String(error) })); // reported where it matters: a 503 on login
  // Dapr's pub/sub streams, for the admin view: their keys carry no prefix of ours.
  const streamsRedis = redis.duplicate({ keyPrefix: '' });
  streamsRedis.on('error', (error: unknown) => log.debug('redis (event streams)', { error: String(error) }));
  const logins = new LoginThrottle(
    redis,
    {
      perAccountAndClient: config.LOGIN_FAILURES_PER_ACCOUNT,
      perClient: config.LOGIN_FAILURES_PER_CLIENT,
      windowSeconds: config.LOGIN_WINDOW_SECONDS,
      perAccount: config.LOGIN_FAILURES_PER_ACCOUNT_ALL_CLIENTS,
      accountBlockSeconds: config.LOGIN_ACCOUNT_BLOCK_SECONDS,
    },
    log,
    config.RETRY_AFTER_SECONDS,
  );
  const upstreams = new Upstreams(sidecar, config.UPSTREAM_TIMEOUT_MS);
  const admission = new Admission({
    concurrency: config.ADMISSION_CONCURRENCY,
    queue: config.ADMISSION_QUEUE,
    maxWaitMs: config.ADMISSION_MAX_WAIT_MS,
    burstWaitMs: config.ADMISSION_BURST_WAIT_MS,
    standingAfterMs: config.ADMISSION_STANDING_AFTER_MS,
  });
  const service = await startService({
    name: APPS.gateway,
    problemBase: PROBLEM_BASE,
    metricsPrefix: METRICS_PREFIX,
    config,
    publicEdge: true,
    sidecar,
    log,
    routes: (app, metrics) => {
      app.set('trust proxy', config.TRUST_PROXY);
      app.use(cors(config.CORS_ORIGINS));
      app.use(requestBudget(new RequestBudget(config.REQUESTS_PER_MINUTE)));
      apiDocs(app);
      storefront(app);
      adminStatus(app, { tokens, upstreams, streams: new EventStreams(streamsRedis), metrics });
      liveRoutes(app, {
        log,
        upstreams,
        tokens,
        retryAfterSeconds: config.RETRY_AFTER_SECONDS,
        maxStreams: config.LIVE_STREAMS_MAX,
        deadlineMs: config.CALLER_DEADLINE_MS,
      });
      proxyRoutes(app, { log, upstreams, retryAfterSeconds: config.RETRY_AFTER_SECONDS, tokens, logins, admission, deadlineMs: config.CALLER_DEADLINE_MS });
    },
    // The gateway is ready when it can route; a service that is down gets 503s, not the gateway.
    readinessReport: async () => {
      const states = await Promise.all(UPSTREAMS.map(async (name) => [name, (await upstreams.isReady(name)) ? 'ready' : 'not ready'] as const));
      return { services: Object.fromEntries(states) };
    },
    onStop: [async () => void (await Promise.all([redis.quit().catch(() => undefined), streamsRedis.quit().catch(() => undefined)]))],
  });
  setSecurityHeadersOn(service.server);
  answerUnreadableRequests(service.server);
  stopOnSignals(service, log);
});
