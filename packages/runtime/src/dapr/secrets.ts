import { Sidecar } from './sidecar';

/**
 * Reads secrets from a Dapr secret store at start-up. The sidecar's outbound side (its
 * components) is ready before it can reach the app, so this may run before the app listens.
 */
export async function readSecrets<K extends string>(sidecar: Sidecar, store: string, keys: readonly K[], waitMs: number): Promise<Record<K, string>> {
  await sidecar.waitForOutbound(waitMs);
  const entries = await Promise.all(
    keys.map(async (key) => {
      const value = await sidecar.getSecret(store, key);
      if (value === undefined || value === '') throw new Error(`secret ${key} is missing from the secret store ${store}`);
      return [key, value] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<K, string>;
}
