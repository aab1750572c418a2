import { httpStatus, portPlan, startStack, Stack } from '../../tools/stack/src';

declare global {
  var __bookstoreStack: Stack | undefined;
}

async function allReady(gatewayUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${gatewayUrl}/readyz`, { signal: AbortSignal.timeout(3_000) });
    const body = (await response.json()) as { services?: Record<string, string> };
    return response.status === 200 && Object.values(body.services ?? {}).every((s) => s === 'ready');
  } catch {
    return false;
  }
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
  process.stderr.write('\nstarting the bookstore for the integration tests\n');
  const started = Date.now();
  const stack = await startStack({ log: (line) => process.stderr.write(`${line}\n`) });
  process.stderr.write(`stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.env.GATEWAY_URL = stack.gatewayUrl;
  globalThis.__bookstoreStack = stack;
}
