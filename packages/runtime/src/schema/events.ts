import { z } from 'zod';

/**
 * Where a subscriber app's poison messages go (DROP, or retries exhausted): one dead-letter
 * topic per app, so it is plain which consumer gave up. A dead message keeps its original
 * CloudEvent (id and `topic` included), so it can be replayed to its topic as it was.
 */
export const DEAD_LETTER_PREFIX = 'deadletter-';

export function deadLetterTopic(appId: string): string {
  return `${DEAD_LETTER_PREFIX}${appId}`;
}

/** An event type: its name is its topic (one topic per event type) and its data's schema. */
export interface EventContract<S extends z.ZodType = z.ZodType> {
  topic: string;
  schema: S;
}

/** An event contract: its topic and its data's schema. */
export function defineEvent<S extends z.ZodType>(topic: string, schema: S): EventContract<S> {
  return { topic, schema };
}
