#!/usr/bin/env node
/**
 * npm run status [-- --once]: the running bookstore at a glance, refreshed every 2 s (Ctrl-C
 * ends it), from the gateway's GET /admin/status (as the local admin): each service's
 * readiness, request rate, 5xx rate, p99 latency, events handled and retried, CPU and memory;
 * the stock breaker and the order outbox; each subscriber's lag per topic; the dead letters.
 * `--once` prints one frame and exits (0 when every service is ready).
 * BOOKSTORE_GATEWAY_URL and BOOKSTORE_ADMIN_PASSWORD point it at another shop (the cluster's).
 */
import { readCredentials } from './credentials';
import { portPlan } from './ports';
import { appFigures, Sample } from './status-figures';

const INTERVAL_MS = 2_000;

export interface StatusAnswer {
  at: string;
  services: Array<{ name: string; instance: string; ready: boolean; figures: Sample[] }>;
  lags: Array<{ topic: string; group: string; lag: number; pending: number }>;
  deadLetters: Record<string, number>;
}

export interface StatusSource {
  read(): Promise<StatusAnswer>;
}

/** The gateway's admin view, logged in once as the admin. */
export function gatewayStatus(url: string, adminPassword: string): StatusSource {
  let token: string | undefined;
  const login = async (): Promise<string> => {
    const response = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@bookstore.local', password: adminPassword }),
    });
    if (!response.ok) throw new Error(`admin login at ${url} answered ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  };
  return {
    async read() {
      token ??= await login();
      const response = await fetch(`${url}/admin/status`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`GET /admin/status answered ${response.status}`);
      return (await response.json()) as StatusAnswer;
    },
  };
}

const fixed = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const valueOf = (figures: Sample[], name: string, labels: Record<string, string> = {}): number | undefined =>
  figures.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => String(s.labels[k]) === v))?.value;

/** One frame: the rates between two answers, and the latest answer's gauges, lags and dead letters. */
export function render(before: StatusAnswer, after: StatusAnswer): string {
  const seconds = Math.max(0.001, (Date.parse(after.at) - Date.parse(before.at)) / 1000);
  const lines = [`bookstore status  ${after.at}  (rates over ${fixed(seconds)} s)`, ''];
  lines.push('service          ready  req/s   5xx/s  p99 ms  events/s  retries/s  cpu %  rss MB  dead letters');
  for (const service of after.services) {
    // Rates only between two answers of the same instance: with replicas, another may answer.
    const earlier = before.services.find((s) => s.name === service.name && s.instance === service.instance)?.figures;
    const f = appFigures(earlier ?? service.figures, service.figures, earlier ? seconds : NaN);
    lines.push(
      [
        service.name.padEnd(16),
        (service.ready ? 'yes' : 'NO').padEnd(6),
        fixed(f.requestsPerSecond).padStart(6),
        fixed(f.errorsPerSecond).padStart(7),
        (f.p99Ms === undefined ? '-' : fixed(f.p99Ms, 0)).padStart(7),
        fixed(f.eventsPerSecond).padStart(9),
        fixed(f.retriesPerSecond).padStart(10),
        fixed(f.cpuPercent, 0).padStart(6),
        fixed(f.rssMb, 0).padStart(7),
        String(after.deadLetters[service.name] ?? '-').padStart(13),
      ].join(' '),
    );
  }
  const order = after.services.find((s) => s.name === 'order')?.figures ?? [];
  const breaker = valueOf(order, 'bookstore_stock_breaker_open');
  lines.push('', `stock breaker: ${breaker === undefined ? 'unknown (order not answering)' : breaker === 1 ? 'OPEN (orders answered 503 at once)' : 'closed'}`);
  lines.push(
    `order outbox: ${valueOf(order, 'bookstore_outbox_events', { stage: 'in-flight' }) ?? '-'} being sent, ${valueOf(order, 'bookstore_outbox_events', { stage: 'at-last-sweep' }) ?? '-'} found by the last sweep`,
  );
  lines.push('', 'subscriber lag (events not yet delivered / delivered, not yet acknowledged)');
  for (const group of [...new Set(after.lags.map((l) => l.group))].sort()) {
    lines.push(
      `  ${group.padEnd(15)} ${after.lags
        .filter((l) => l.group === group)
        .map((l) => `${l.topic} ${l.lag}/${l.pending}`)
        .join('  ')}`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const once = process.argv.includes('--once');
  const url = process.env.BOOKSTORE_GATEWAY_URL ?? `http://127.0.0.1:${portPlan().plan.services.gateway.app}`;
  const source = gatewayStatus(url, process.env.BOOKSTORE_ADMIN_PASSWORD ?? readCredentials().adminPassword);
  let before = await source.read();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, once ? 1_000 : INTERVAL_MS));
    const after = await source.read().catch((error: unknown) => {
      process.stdout.write(`\n${String(error)}; trying again\n`);
      return undefined;
    });
    if (!after) continue;
    const frame = render(before, after);
    if (once) {
      console.log(frame);
      process.exit(after.services.every((s) => s.ready) ? 0 : 1);
    }
    process.stdout.write(`\x1b[2J\x1b[H${frame}\n`);
    before = after;
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(String(error));
    process.exit(1);
  });
}
