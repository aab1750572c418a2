import * as stack from '../../../tools/stack/src';
import { ServiceName } from '../../../tools/stack/src';

/** The tokens and passwords of the running local stack (written under the data folder). */
export interface StackCredentials {
  adminPassword: string;
  redisPassword: string;
  apps: Record<ServiceName, { daprApiToken: string; appApiToken: string }>;
}

/**
 * Looked up by name so this suite compiles before the platform's `readCredentials` exists;
 * until it does, every test that needs a token fails here, saying why.
 */
export function stackCredentials(): StackCredentials {
  const read = (stack as { readCredentials?: () => StackCredentials }).readCredentials;
  if (typeof read !== 'function') {
    throw new Error('tools/stack exports no readCredentials(): the stack generates no Dapr/app API tokens yet (issue 7, item 2)');
  }
  return read();
}
