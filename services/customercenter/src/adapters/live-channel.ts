import { z } from '@bookstore/runtime';

/*
 * The live feed's Redis channel, shared by its two ends: the store side publishes each batch
 * of changes (outbound/redis-live-feed.ts), the SSE side listens (inbound/live-updates.ts).
 */

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
