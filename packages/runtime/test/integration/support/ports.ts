import { isPortFree } from '@bookstore/stack';

/** Every port the harness listens on: its own block, 3800-3899, clear of the bookstore's. */
export interface HarnessPorts {
  redis: number;
  placement: { grpc: number; healthz: number; metrics: number; raft: number };
  scheduler: { grpc: number; healthz: number; metrics: number; etcdClient: number; etcdPeer: number };
  app: number;
  dapr: { http: number; grpc: number; internalGrpc: number; metrics: number };
}

export const PORT_BASE = 3800;

export function harnessPorts(base = PORT_BASE): HarnessPorts {
  return {
    redis: base,
    placement: { grpc: base + 10, healthz: base + 11, metrics: base + 12, raft: base + 13 },
    scheduler: { grpc: base + 20, healthz: base + 21, metrics: base + 22, etcdClient: base + 23, etcdPeer: base + 24 },
    app: base + 30,
    dapr: { http: base + 40, grpc: base + 41, internalGrpc: base + 42, metrics: base + 43 },
  };
}

function flatten(value: unknown, path: string): Array<[string, number]> {
  if (typeof value === 'number') return [[path, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => flatten(inner, path ? `${path}.${key}` : key));
}

/** Throws, naming every taken port, unless all of them are free. */
export async function refuseTakenPorts(ports: HarnessPorts): Promise<void> {
  const entries = flatten(ports, '');
  const taken = (await Promise.all(entries.map(async ([what, port]) => ((await isPortFree(port)) ? undefined : `${port} (${what})`)))).filter(Boolean);
  if (taken.length > 0) {
    throw new Error(
      `The runtime's integration tests need ports ${PORT_BASE}-${PORT_BASE + 99}, but these are taken: ${taken.join(', ')}. ` +
        'Is another run of these tests still going (or did one leave processes behind: .data/runtime-test/run/pids.json)?',
    );
  }
}
