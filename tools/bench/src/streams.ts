import Redis from 'ioredis';

/** What a Redis Streams consumer group still owes: entries not yet delivered, or delivered and not acknowledged. */
export interface GroupBacklog {
  stream: string;
  group: string;
  /** Redis's own count of entries not yet read (null when it cannot tell). Reported, not trusted: see `groupBacklog`. */
  lag: number | null;
  pending: number;
  /** The group has not yet been handed the stream's newest entry. */
  behind: boolean;
}

/** XINFO's flat reply (name, value, name, value...) as an object. */
export function fields(reply: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = reply[i + 1];
  return out;
}

/**
 * One group's backlog from its XINFO GROUPS entry and the stream's last generated id. A group
 * is level when it was handed the newest entry (`last-delivered-id`): Redis's `lag` is not
 * enough, since after a restart (the AOF replayed) it can stay above 0 for good while the
 * group has read everything (seen here: lag 336 with last-delivered-id = last-generated-id).
 */
export function groupBacklog(stream: string, group: Record<string, unknown>, lastGenerated: string): GroupBacklog {
  const lag = group.lag === null || group.lag === undefined ? null : Number(group.lag);
  return { stream, group: String(group.name), lag, pending: Number(group.pending), behind: String(group['last-delivered-id']) !== lastGenerated };
}

/** Every stream's every group (or those of the streams `only` keeps). */
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
    const last = String(fields((await redis.call('XINFO', 'STREAM', stream)) as unknown[])['last-generated-id']);
    const groups = (await redis.call('XINFO', 'GROUPS', stream)) as unknown[][];
    for (const g of groups) out.push(groupBacklog(stream, fields(g), last));
  }
  return out;
}

/** True when no group owes anything: every one handed the newest entry, and none unacknowledged. */
export const drained = (groups: readonly GroupBacklog[]): boolean => groups.every((g) => !g.behind && g.pending === 0);
