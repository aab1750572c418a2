import { readConfig, serviceConfigSchema } from '@bookstore/runtime';

/** Every variable the app reads (k8s/ is checked against it). */
export const configSchema = serviceConfigSchema({ appPort: 7004, daprHttpPort: 3504 });

export const config = readConfig(configSchema);
