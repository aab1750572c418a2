import Redis from 'ioredis';
import { Logger } from '@bookstore/runtime';
import { LiveChange, LiveFeed } from '../../domain/ports';
import { LIVE_CHANNEL } from '../live-channel';

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
