import Redis from 'ioredis';

/**
 * When the events of each order were published, as customercenter's MyPage facts keep them
 * (the CloudEvent times of `Ordered` and `DeliveryStarted`). Read straight from Redis, in
 * pipelines, after the load: it costs the shop nothing, unlike polling every order. This
 * reads the read model's storage (`customercenter:mypage:<orderId>`, fields `ordered` and
 * `deliveryStarted`); if that changes, nothing is found and the bench says so.
 */
export async function deliveryLags(redis: Redis, orderIds: readonly string[]): Promise<number[] | undefined> {
  const lags: number[] = [];
  let found = 0;
  for (let i = 0; i < orderIds.length; i += 500) {
    const pipeline = redis.pipeline();
    for (const id of orderIds.slice(i, i + 500)) pipeline.hmget(`customercenter:mypage:${id}`, 'ordered', 'deliveryStarted');
    for (const [error, value] of (await pipeline.exec()) ?? []) {
      if (error) continue;
      const [ordered, started] = value as Array<string | null>;
      if (ordered) found += 1;
      if (ordered && started) lags.push(Date.parse(started) - Date.parse(ordered));
    }
  }
  return orderIds.length > 0 && found === 0 ? undefined : lags;
}
