import { readConfig, serviceConfigSchema } from '@bookstore/runtime';

export const config = readConfig(serviceConfigSchema({ appPort: 7001, daprHttpPort: 3501 }));
