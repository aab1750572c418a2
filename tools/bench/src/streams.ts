import Redis from 'ioredis';

/** What the Redis Streams consumer groups still owe: entries not yet read, or read and not acknowledged. */
export interface GroupBacklog {
  stream: string;
  group: string;
  lag: number | null;
  pending: number;
}

/** XINFO GROUPS's flat reply (name, value, name, value...) as an object. */
function fields(reply: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = reply[i + 1];
  return out;
}

/** Every stream's every group, with its lag and pending count. */
export async function backlog(redis: Redis, only?: (stream: string) => boolean): Promise<GroupBacklog[]> {
  const streams: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = (await redis.call('SCAN', cursor, 'COUNT', '1000', 'TYPE', 'stream')) as [string, string[]];
    streams.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  const out: GroupBacklog[] = [];
  for (const stream of streams.filter((s) => (only ? only(s) : true))) {
    const info = (await redis.call('XINFO', 'STREAM', stream)) as unknown[];
    const last = String(fields(info)['last-generated-id']);
    const groups = (await redis.call('XINFO', 'GROUPS', stream)) as unknown[][];
    for (const g of groups.map(fields)) {
      const lag = g.lag === null || g.lag === undefined ? null : Number(g.lag);
      // Lag is unknown (nil) after deletions; then a group that delivered the last entry is level.
      const level = lag ?? (String(g['last-delivered-id']) === last ? 0 : null);
      out.push({ stream, group: String(g.name), lag: level, pending: Number(g.pending) });
    }
  }
  return out;
}

/** True when no group owes anything. */
export const drained = (groups: readonly GroupBacklog[]): boolean => groups.every((g) => g.lag === 0 && g.pending === 0);
