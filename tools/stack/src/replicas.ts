import { z } from 'zod';
import { SERVICES, ServiceName } from './ports';

/**
 * Replicas per service the port plan has room for: each moves every port by 300, and a
 * third (+600) would land on another offset's ports (offset 5000's Dapr HTTP 8500 + 600 is
 * offset 0's metrics 9100), so two stacks side by side would collide.
 */
export const MAX_REPLICAS = 2;

const Pair = z.object({ service: z.enum(SERVICES), count: z.coerce.number().int().min(1).max(MAX_REPLICAS) });

/** `--replicas order=2,customer=2` (the rest of npm start's arguments) as counts per service. */
export function parseReplicas(args: readonly string[]): Partial<Record<ServiceName, number>> {
  const at = args.indexOf('--replicas');
  if (at === -1) {
    if (args.length > 0) throw new Error(`unknown arguments: ${args.join(' ')} (expected --replicas service=count,...)`);
    return {};
  }
  const value = args[at + 1];
  if (value === undefined || args.length !== 2) throw new Error('usage: npm start -- --replicas order=2,customer=2');
  const replicas: Partial<Record<ServiceName, number>> = {};
  for (const pair of value.split(',')) {
    const [service, count, ...rest] = pair.split('=');
    const parsed = Pair.safeParse(rest.length === 0 ? { service, count } : {});
    if (!parsed.success)
      throw new Error(`--replicas ${pair}: ${parsed.error.issues[0]?.message ?? 'invalid'} (services: ${SERVICES.join(', ')}; 1 to ${MAX_REPLICAS})`);
    replicas[parsed.data.service] = parsed.data.count;
  }
  return replicas;
}
