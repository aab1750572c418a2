/**
 * The local port plan: every process's ports, each overridable by an environment variable
 * (BOOKSTORE_PORT_<NAME>); BOOKSTORE_PORT_OFFSET shifts every default at once, so a second
 * stack (a worktree, a chaos test) can run beside the first. `npm run stack -- ports` prints it.
 *
 * All ports lie below 32768, outside Linux's ephemeral range (32768-60999): a port in that
 * range can be held at random by an outgoing connection (Dapr's defaults, 50001 and up, are).
 */
export const SERVICES = ['gateway', 'book', 'customer', 'order', 'delivery', 'customercenter'] as const;
export type ServiceName = (typeof SERVICES)[number];

const APP_PORTS: Record<ServiceName, number> = {
  gateway: 8088,
  book: 7001,
  customer: 7002,
  order: 7003,
  delivery: 7004,
  customercenter: 7005,
};

export interface SidecarPorts {
  app: number;
  http: number;
  grpc: number;
  internalGrpc: number;
  metrics: number;
  /** The app's own Prometheus metrics (the daprd's are `metrics`). */
  appMetrics: number;
}

export interface PortPlan {
  services: Record<ServiceName, SidecarPorts>;
  sentry: { grpc: number; healthz: number };
  placement: { grpc: number; healthz: number; metrics: number; raft: number };
  scheduler: { grpc: number; healthz: number; metrics: number; etcdClient: number; etcdPeer: number };
  redis: number;
  postgres: number;
  notificationSink: number;
}

export interface PortEntry {
  process: string;
  what: string;
  variable: string;
  port: number;
}

/**
 * The defaults lie 100 apart (Dapr gRPC 20100+, internal gRPC 20200+, placement 20005 +
 * 100 = 20105, ...), so two stacks whose offsets differ by 100 or 200 take each other's
 * ports. Thousands up to 10,000 never meet (11,000 would put metrics 9100 on gRPC 20100), and the highest port stays below 32768.
 */
export function portOffset(env: NodeJS.ProcessEnv): number {
  const raw = env.BOOKSTORE_PORT_OFFSET ?? '0';
  const offset = Number(raw);
  if (!Number.isInteger(offset) || offset < 0 || offset % 1_000 !== 0 || offset > 10_000) {
    throw new Error(`BOOKSTORE_PORT_OFFSET=${raw} must be a multiple of 1000 from 0 to 10000: offsets 100 apart make two stacks take each other's ports`);
  }
  return offset;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number, entries: PortEntry[], process: string, what: string): number {
  const variable = `BOOKSTORE_PORT_${name}`;
  const raw = env[variable];
  const offset = portOffset(env);
  const value = raw === undefined || raw === '' ? fallback + offset : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${variable}=${raw} is not a port`);
  entries.push({ process, what, variable, port: value });
  return value;
}

/** The plan, and a flat list of its entries (for the README table and the free-port check). */
export function portPlan(env: NodeJS.ProcessEnv = process.env): { plan: PortPlan; entries: PortEntry[] } {
  const entries: PortEntry[] = [];
  const services = {} as Record<ServiceName, SidecarPorts>;
  SERVICES.forEach((name, i) => {
    const key = name.toUpperCase();
    services[name] = {
      app: port(env, `${key}_APP`, APP_PORTS[name], entries, name, 'app (HTTP)'),
      http: port(env, `${key}_DAPR_HTTP`, 3500 + i, entries, `${name} daprd`, 'Dapr HTTP API'),
      grpc: port(env, `${key}_DAPR_GRPC`, 20100 + i, entries, `${name} daprd`, 'Dapr gRPC API'),
      internalGrpc: port(env, `${key}_DAPR_INTERNAL`, 20200 + i, entries, `${name} daprd`, 'Dapr internal gRPC (sidecar to sidecar)'),
      metrics: port(env, `${key}_DAPR_METRICS`, 9100 + i, entries, `${name} daprd`, 'metrics (Prometheus)'),
      // 9150, not 9200: no other offset's port (Dapr HTTP 3500 + 1000 k, + 300 per replica) lands on it.
      appMetrics: port(env, `${key}_APP_METRICS`, 9150 + i, entries, name, 'app metrics (Prometheus)'),
    };
  });
  const plan: PortPlan = {
    services,
    sentry: {
      grpc: port(env, 'SENTRY', 20007, entries, 'sentry', 'gRPC (certificates for mTLS)'),
      healthz: port(env, 'SENTRY_HEALTHZ', 20057, entries, 'sentry', 'healthz'),
    },
    placement: {
      grpc: port(env, 'PLACEMENT', 20005, entries, 'placement', 'gRPC (actor placement)'),
      healthz: port(env, 'PLACEMENT_HEALTHZ', 20055, entries, 'placement', 'healthz'),
      metrics: port(env, 'PLACEMENT_METRICS', 9110, entries, 'placement', 'metrics'),
      raft: port(env, 'PLACEMENT_RAFT', 20015, entries, 'placement', 'raft'),
    },
    scheduler: {
      grpc: port(env, 'SCHEDULER', 20006, entries, 'scheduler', 'gRPC (reminders, jobs)'),
      healthz: port(env, 'SCHEDULER_HEALTHZ', 20056, entries, 'scheduler', 'healthz'),
      metrics: port(env, 'SCHEDULER_METRICS', 9111, entries, 'scheduler', 'metrics'),
      etcdClient: port(env, 'SCHEDULER_ETCD_CLIENT', 20016, entries, 'scheduler', 'embedded etcd, client'),
      etcdPeer: port(env, 'SCHEDULER_ETCD_PEER', 20026, entries, 'scheduler', 'embedded etcd, peer'),
    },
    redis: port(env, 'REDIS', 6380, entries, 'redis', 'Redis (state, pub/sub, read models)'),
    postgres: port(env, 'POSTGRES', 5433, entries, 'postgres', 'PostgreSQL (orders)'),
    notificationSink: port(env, 'NOTIFICATION_SINK', 7010, entries, 'notification-sink', 'HTTP sink of the notifications binding'),
  };
  return { plan, entries };
}

/** Ports of replica `index` (0 is the first instance): every port moved by 300 per replica. */
export function replicaPorts(ports: SidecarPorts, index: number): SidecarPorts {
  const shift = 300 * index;
  return {
    app: ports.app + shift,
    http: ports.http + shift,
    grpc: ports.grpc + shift,
    internalGrpc: ports.internalGrpc + shift,
    metrics: ports.metrics + shift,
    appMetrics: ports.appMetrics + shift,
  };
}

/** The process names of an instance: `delivery-app`, `delivery-daprd`; replicas `delivery#2-app`. */
export function instanceName(service: ServiceName, index: number): string {
  return index === 0 ? service : `${service}#${index + 1}`;
}
