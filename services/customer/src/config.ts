import { readConfig, serviceConfigSchema } from '@bookstore/runtime';

export const config = readConfig(serviceConfigSchema({ appPort: 7002, daprHttpPort: 3502 }));
