import request from 'supertest';
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../tools/stack/src/paths';
import { appTokenHeader, startStack, Stack } from '../../tools/stack/src';
import type { Instance, StackOptions } from '../../tools/stack/src';
import { Shop, waitUntil } from '../support/shop';

export { ordersOf, registerBook, session, stockBalance, waitUntil } from '../support/shop';
export type { Session } from '../support/shop';

/**
 * A stack of its own for each chaos scenario, on ports of its own (offset 5000) so it never
 * meets a bookstore a developer is running, with two replicas of every consumer. `settings`
 * are environment variables for every app (tighter limits, say).
 */
export async function startChaosStack(
  name: string,
  settings: Record<string, string> = {},
  replicas: StackOptions['replicas'] = { delivery: 2, customer: 2, customercenter: 2 },
): Promise<ChaosStack> {
  const data = join(ROOT, '.data', 'chaos', name);
  rmSync(data, { recursive: true, force: true }); // each run starts from empty stores: no events left from the last
  const env = { ...process.env, ...settings, BOOKSTORE_PORT_OFFSET: process.env.BOOKSTORE_CHAOS_PORT_OFFSET ?? '5000', BOOKSTORE_DATA_DIR: data };
  const stack = await startStack({ env, replicas, log: () => undefined });
  return new ChaosStack(stack);
}

export class ChaosStack implements Shop {
  constructor(readonly stack: Stack) {}

  get url(): string {
    return this.stack.gatewayUrl;
  }

  get adminPassword(): string {
    return this.stack.credentials.adminPassword;
  }

  gateway(): ReturnType<typeof request> {
    return request(this.stack.gatewayUrl);
  }

  instances(service: Instance['service']): Instance[] {
    return this.stack.instances.filter((i) => i.service === service);
  }

  /** Stops every instance of the services, apps (and, with `sidecars`, their daprds too). */
  async stop(services: Array<Instance['service']>, { sidecars }: { sidecars: boolean }): Promise<void> {
    const names = services.flatMap((s) => this.instances(s)).flatMap((i) => [`${i.name}-app`, ...(sidecars ? [`${i.name}-daprd`] : [])]);
    await Promise.all(names.map((n) => this.stack.supervisor.stop(this.stack.supervisor.get(n))));
  }

  /** Starts again whatever of the services' processes is not running, and waits until ready. */
  async restart(services: Array<Instance['service']>): Promise<void> {
    const instances = services.flatMap((s) => this.instances(s));
    for (const instance of instances) {
      for (const part of ['daprd', 'app']) {
        const name = `${instance.name}-${part}`;
        if (!this.stack.supervisor.get(name).running) this.stack.supervisor.restart(name);
      }
    }
    await Promise.all(
      instances.map((i) =>
        waitUntil(async () => (await status(`http://127.0.0.1:${i.ports.app}/readyz`, appTokenHeader(this.stack.credentials, i.service))) === 200, 60_000),
      ),
    );
  }

  async close(): Promise<void> {
    await this.stack.stop();
  }
}

async function status(url: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    return (await fetch(url, { headers, signal: AbortSignal.timeout(1_000) })).status;
  } catch {
    return 0;
  }
}

export const FIGURES_FILE = join(ROOT, 'reports', 'chaos-figures.jsonl');

/** One line per scenario, printed now and gathered into the summary table at the end of the run. */
export function report(scenario: string, figures: Record<string, string | number>): void {
  const line = Object.entries(figures)
    .map(([k, v]) => `${k}=${v}`)
    .join('  ');
  process.stdout.write(`\n[chaos] ${scenario}: ${line}\n`);
  mkdirSync(join(ROOT, 'reports'), { recursive: true });
  appendFileSync(FIGURES_FILE, `${JSON.stringify({ scenario, figures })}\n`);
}
