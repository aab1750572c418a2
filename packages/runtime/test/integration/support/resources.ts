import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessPorts } from './ports';

export const APP_ID = 'runtime-test';
export const STORE = 'actorstore';
export const PUBSUB = 'pubsub';

/**
 * The harness's own Dapr resources: actor state in daprd's in-memory store, and Redis Streams
 * for pub/sub, redelivering
 * fast (a message not acknowledged within 2 s is handed out again, looked for every second).
 * Answers the resources folder and the Configuration file.
 *
 * Why in-memory and not SQLite: the daprd installed here (Dapr 1.18.2 under ~/.dapr/bin) is
 * built without state.sqlite (only in-memory, postgresql, redis). The in-memory store runs a
 * transaction whole or not at all (it checks every operation's ETag under its lock before it
 * applies any), which is what the ETag-conflict test needs, and it needs no process of its own;
 * its state lives as long as this daprd, which is the length of the suite.
 */
export function writeResources(dir: string, ports: HarnessPorts): { resources: string; config: string } {
  const resources = join(dir, 'resources');
  rmSync(resources, { recursive: true, force: true });
  mkdirSync(resources, { recursive: true });
  writeFileSync(
    join(resources, 'actorstore.yaml'),
    `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: ${STORE}
spec:
  type: state.in-memory
  version: v1
  metadata:
    - name: actorStateStore
      value: "true"
`,
  );
  writeFileSync(
    join(resources, 'pubsub.yaml'),
    `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: ${PUBSUB}
spec:
  type: pubsub.redis
  version: v1
  metadata:
    - name: redisHost
      value: "127.0.0.1:${ports.redis}"
    - name: redisPassword
      value: ""
    - name: redeliverInterval
      value: "1s"
    - name: processingTimeout
      value: "2s"
`,
  );
  // What RETRY means with a dead-letter topic: daprd retries the delivery itself, by this
  // policy, and only then dead-letters it (without a policy, a RETRY goes straight to the
  // dead-letter topic: the broker never redelivers it). The bookstore's is in dapr-config/resources.
  writeFileSync(
    join(resources, 'resiliency.yaml'),
    `apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata:
  name: ${APP_ID}
spec:
  policies:
    retries:
      eventDelivery:
        policy: constant
        duration: 200ms
        maxRetries: 5
  targets:
    components:
      ${PUBSUB}:
        inbound:
          retry: eventDelivery
`,
  );
  // Name resolution in a file, not mDNS: nothing of this run is announced on the network.
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    `apiVersion: dapr.io/v1alpha1
kind: Configuration
metadata:
  name: ${APP_ID}
spec:
  nameResolution:
    component: sqlite
    version: v1
    configuration:
      connectionString: "${join(dir, 'nameresolution.db')}"
`,
  );
  return { resources, config };
}
