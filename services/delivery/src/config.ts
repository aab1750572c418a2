import { readConfig, serviceConfigSchema } from '@bookstore/runtime';

export const config = readConfig(serviceConfigSchema({ appPort: 7004, daprHttpPort: 3504 }));
