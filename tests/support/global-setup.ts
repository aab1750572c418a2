import { httpStatus, portPlan, startStack, Stack } from '../../tools/stack/src';
import { allReady } from './shop';

declare global {
  var __bookstoreStack: Stack | undefined;
}

/**
 * Integration tests run against the real stack: the one already running (npm start in
 * another terminal), or one started here for the run and stopped afterwards.
 */
export default async function globalSetup(): Promise<void> {
  const existing = process.env.BOOKSTORE_GATEWAY_URL ?? `http://localhost:${portPlan().plan.services.gateway.app}`;
  if ((await httpStatus(`${existing}/healthz`)) === 200 && (await allReady(existing))) {
    process.env.GATEWAY_URL = existing;
    process.stderr.write(`\nattaching to the bookstore at ${existing}\n`);
    return;
  }
  // A gateway named on purpose (the cluster's) is the one to test: never a local stand-in.
  if (process.env.BOOKSTORE_GATEWAY_URL) throw new Error(`the bookstore at ${existing} is not ready`);
  process.stderr.write('\nstarting the bookstore for the integration tests\n');
  const started = Date.now();
  const stack = await startStack({ log: (line) => process.stderr.write(`${line}\n`) });
  process.stderr.write(`stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.env.GATEWAY_URL = stack.gatewayUrl;
  globalThis.__bookstoreStack = stack;
}
