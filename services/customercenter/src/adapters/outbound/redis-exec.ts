import type { ChainableCommander } from 'ioredis';

/** Runs a MULTI or pipeline and throws its first failed command's error (ioredis only reports them). */
export async function execAll(commands: ChainableCommander): Promise<unknown[]> {
  const results = await commands.exec();
  if (!results) throw new Error('redis transaction aborted');
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}
