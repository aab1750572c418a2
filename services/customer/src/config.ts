import { readConfig, serviceConfigSchema } from '@bookstore/runtime';

/** Every variable the app reads (k8s/ is checked against it). */
export const configSchema = serviceConfigSchema({ appPort: 7002, daprHttpPort: 3502 });

export const config = readConfig(configSchema);
