#!/usr/bin/env node
/**
 * npm run deadletters -- [list | replay [app]]
 * Shows what subscribers gave up on (the `deadletter-<app>` topics), and replays it: each
 * dead message is published again to its original topic, as it was (same CloudEvent id, so
 * subscribers that did handle it dedupe), then removed from the dead-letter stream.
 * It reads the streams of the local Redis directly; it publishes through the sidecar of the
 * event's own publisher (pub/sub scopes let no other app publish it), with that sidecar's
 * token, so what is replayed goes through Dapr like any event.
 */
import Redis from 'ioredis';
import { Credentials, readCredentials } from './credentials';
import { EVENTS } from './dapr-policy';
import { PortPlan, portPlan, SERVICES } from './ports';

/** Where an event of `topic` is published from: its publisher's sidecar and token. */
export type PublisherOf = (topic: string) => { url: string; token: string } | undefined;

export function publisherSidecars(plan: PortPlan, credentials: Credentials): PublisherOf {
  return (topic) => {
    const app = EVENTS[topic]?.publisher;
    return app ? { url: `http://127.0.0.1:${plan.services[app].http}`, token: credentials.apps[app].daprApiToken } : undefined;
  };
}

export function localRedis(plan: PortPlan, credentials: Credentials, options: { lazyConnect?: boolean } = {}): Redis {
  return new Redis({ host: '127.0.0.1', port: plan.redis, password: credentials.redisPassword, maxRetriesPerRequest: 1, ...options });
}

export interface DeadLetter {
  app: string;
  streamId: string;
  topic: string;
  eventId: string;
  event: Record<string, unknown>;
}

const STREAM_PREFIX = 'deadletter-';

export async function listDeadLetters(redis: Redis): Promise<DeadLetter[]> {
  const letters: DeadLetter[] = [];
  for (const app of SERVICES) {
    const entries = await redis.xrange(`${STREAM_PREFIX}${app}`, '-', '+');
    for (const [streamId, fields] of entries) {
      const data = fields[fields.indexOf('data') + 1] ?? '{}';
      let event: Record<string, unknown> = {};
      try {
        event = JSON.parse(data) as Record<string, unknown>;
      } catch {
        // not JSON: listed, never replayed
      }
      letters.push({ app, streamId, topic: String(event.topic ?? ''), eventId: String(event.id ?? ''), event });
    }
  }
  return letters;
}

/** Publishes each dead letter (of `app`, or of all) back to its topic through its publisher's sidecar, then removes it. */
export async function replayDeadLetters(redis: Redis, publisherOf: PublisherOf, app?: string): Promise<DeadLetter[]> {
  const replayed: DeadLetter[] = [];
  for (const letter of await listDeadLetters(redis)) {
    if ((app && letter.app !== app) || !letter.topic) continue;
    const sidecar = publisherOf(letter.topic);
    if (!sidecar) throw new Error(`dead letter ${letter.eventId} names ${letter.topic}, which is not one of our topics`);
    // Dapr added these when it first delivered the event; it adds them again.
    const { topic: _topic, pubsubname: _pubsub, traceid: _traceid, traceparent: _traceparent, tracestate: _tracestate, ...event } = letter.event;
    const response = await fetch(`${sidecar.url}/v1.0/publish/pubsub/${encodeURIComponent(letter.topic)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json', 'dapr-api-token': sidecar.token },
      body: JSON.stringify(event),
    });
    if (!response.ok) throw new Error(`replaying ${letter.eventId} to ${letter.topic}: ${response.status} ${await response.text()}`);
    await redis.xdel(`${STREAM_PREFIX}${letter.app}`, letter.streamId);
    replayed.push(letter);
  }
  return replayed;
}

async function main(): Promise<void> {
  const { plan } = portPlan();
  const credentials = readCredentials();
  const redis = localRedis(plan, credentials, { lazyConnect: true });
  await redis.connect();
  try {
    const [command = 'list', app] = process.argv.slice(2);
    if (command === 'list') {
      const letters = await listDeadLetters(redis);
      if (letters.length === 0) console.log('No dead letters.');
      for (const l of letters) console.log(`${l.app.padEnd(15)} ${l.topic.padEnd(18)} ${l.eventId}  ${JSON.stringify(l.event.data)}`);
    } else if (command === 'replay') {
      const replayed = await replayDeadLetters(redis, publisherSidecars(plan, credentials), app);
      console.log(`Replayed ${replayed.length} dead letter(s).`);
    } else {
      console.error('usage: deadletters [list | replay [app]]');
      process.exitCode = 2;
    }
  } finally {
    redis.disconnect();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
