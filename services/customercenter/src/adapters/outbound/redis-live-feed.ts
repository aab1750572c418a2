import Redis from 'ioredis';
import { Logger, z } from '@bookstore/runtime';
import { LiveChange, LiveFeed } from '../../domain/ports';

/** The Redis pub/sub channel every customercenter replica publishes changes to and listens on. */
export const LIVE_CHANNEL = 'customercenter:live';

const idText = z.string().regex(/^[A-Za-z0-9_*-]{1,64}$/);
/** What a message on the channel must be; anything else is dropped where it enters. */
export const liveMessage = z.array(
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('mypage'), customerId: idText, orderId: idText }),
    z.object({ kind: z.literal('notification'), customerId: idText }),
  ]),
);

export class RedisLiveFeed implements LiveFeed {
  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
  ) {}

  /** One message per batch of changes. */
  async publish(changes: LiveChange[]): Promise<void> {
    if (changes.length === 0) return;
    try {
      await this.redis.publish(LIVE_CHANNEL, JSON.stringify(changes));
    } catch (error) {
      this.log.debug('live changes not published', { changes: changes.length, error: String(error) });
    }
  }
}
