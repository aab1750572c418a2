import { join } from 'node:path';
import Redis from 'ioredis';
import { Credentials, dataDir, httpStatus, PortPlan, portPlan, readCredentials, startStack, Supervisor } from '@bookstore/stack';

/** The stack under test: attached to (its gateway answers /readyz) or started for the run. */
export interface Target {
  plan: PortPlan;
  data: string;
  credentials: Credentials;
  gatewayUrl: string;
  /** Process group leaders of the stack, by process name (`order-app`, `redis`, ...). */
  processes(): Map<string, number>;
  redis: Redis;
  started: boolean;
  close(): Promise<void>;
}

export async function attachOrStart(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<Target> {
  const { plan } = portPlan(env);
  const data = dataDir(env);
  const gatewayUrl = `http://127.0.0.1:${plan.services.gateway.app}`;
  let stop: (() => Promise<void>) | undefined;
  if ((await httpStatus(`${gatewayUrl}/readyz`, 2_000)) === 200) {
    log(`attached to the bookstore at ${gatewayUrl}`);
  } else {
    log(`no bookstore answers ${gatewayUrl}/readyz: starting one for the run`);
    const stack = await startStack({ env, log: (line) => log(`  ${line}`) });
    stop = () => stack.stop();
  }
  const credentials = readCredentials(data);
  const redis = new Redis({ host: '127.0.0.1', port: plan.redis, password: credentials.redisPassword, lazyConnect: false, maxRetriesPerRequest: 2 });
  return {
    plan,
    data,
    credentials,
    gatewayUrl,
    started: stop !== undefined,
    processes: () => new Map(Supervisor.leftovers(join(data, 'run')).map((r) => [r.name, r.pid])),
    redis,
    close: async () => {
      redis.disconnect();
      if (stop) {
        log('stopping the bookstore the bench started');
        await stop();
      }
    },
  };
}
