import { baseConfigSchema } from '@bookstore/runtime';

/** The barista's environment, read once and validated (fails fast). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return baseConfigSchema.parse(env);
}
