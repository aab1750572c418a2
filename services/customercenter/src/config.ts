import { portField, readConfig, serviceConfigSchema, z } from '@bookstore/runtime';

/** Every variable the app reads (k8s/ is checked against it). */
export const configSchema = serviceConfigSchema({ appPort: 7005, daprHttpPort: 3505 }).extend({
  /** The read models live in Redis directly (ioredis): sorted sets and hashes give paging. */
  REDIS_HOST: z.string().default('127.0.0.1'),
  REDIS_PORT: portField.default(6380),
  REDIS_PASSWORD: z.string().optional(),
});

export const config = readConfig(configSchema);
