import { Request, Response } from 'express';
import Redis from 'ioredis';
import { Logger, problem, sendProblem } from '@bookstore/runtime';
import { myPageOf } from '../../domain/my-page';
import { LiveChange, MyPageStore } from '../../domain/ports';
import { LIVE_CHANNEL, liveMessage } from '../live-channel';

export interface LiveLimits {
  /** Open streams this replica keeps at most; past it a new one is refused (503). */
  maxStreams: number;
  /** A comment line this often, so that idle proxies keep the stream open. */
  heartbeatMs: number;
  /** A stream ends after this long; the page reconnects, as it does after any drop. */
  maxStreamMs: number;
}

export const LIVE_LIMITS: LiveLimits = { maxStreams: 2_000, heartbeatMs: 15_000, maxStreamMs: 10 * 60_000 };

/**
 * `GET /updates`: server-sent events to a customer's open pages, fed by the Redis channel
 * that every replica publishes its read-model changes to. `ready` first (the page reads
 * what it shows then, so nothing between two streams is missed), then `mypage` with the
 * row as it is now, and `notification` when one arrived.
 */
export class LiveUpdates {
  private readonly streams = new Map<string, Set<Response>>();
  private open = 0;

  constructor(
    private readonly subscriber: Redis,
    private readonly myPages: MyPageStore,
    private readonly log: Logger,
    private readonly limits: LiveLimits = LIVE_LIMITS,
  ) {}

  /** Not awaited by the start of the service: Redis may come later, and ioredis subscribes when it does (and again after a reconnect). */
  start(): void {
    this.subscriber.on('message', (_channel: string, message: string) => void this.deliver(message));
    this.subscriber.subscribe(LIVE_CHANNEL).catch((error: unknown) => this.log.warn('live updates not subscribed', { error: String(error) }));
  }

  /** Ends every stream (the pages reconnect to another replica) and the subscription. */
  async stop(): Promise<void> {
    for (const set of this.streams.values()) for (const res of set) res.end();
    this.streams.clear();
    await this.subscriber.quit().catch(() => undefined);
  }

  serve(customerId: string, req: Request, res: Response): void {
    if (this.open >= this.limits.maxStreams) {
      return sendProblem(res, problem(503, 'service-unavailable', 'Too many live pages are open right now. Try again shortly.'), { 'Retry-After': '5' });
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    res.write('event: ready\ndata: {}\n\n');
    const set = this.streams.get(customerId) ?? new Set<Response>();
    this.streams.set(customerId, set.add(res));
    this.open += 1;
    const heartbeat = setInterval(() => res.write(': ping\n\n'), this.limits.heartbeatMs);
    const limit = setTimeout(() => res.end(), this.limits.maxStreamMs);
    const close = () => {
      clearInterval(heartbeat);
      clearTimeout(limit);
      if (set.delete(res)) this.open -= 1;
      if (set.size === 0 && this.streams.get(customerId) === set) this.streams.delete(customerId);
    };
    req.on('close', close);
    res.on('close', close);
  }

  private async deliver(message: string): Promise<void> {
    let changes: LiveChange[];
    try {
      changes = liveMessage.parse(JSON.parse(message));
    } catch {
      return this.log.warn('dropping a live message that is not one', { length: message.length });
    }
    const orders = new Map<string, string>();
    const told = new Set<string>();
    for (const change of changes) {
      if (change.kind === 'mypage' && this.streams.has(change.customerId)) orders.set(change.orderId, change.customerId);
      if (change.kind === 'notification') told.add(change.customerId);
    }
    for (const customerId of told.has('*') ? this.streams.keys() : told) this.send(customerId, 'notification', {});
    await Promise.all([...orders].map(([orderId, customerId]) => this.sendRow(orderId, customerId)));
  }

  private async sendRow(orderId: string, customerId: string): Promise<void> {
    try {
      const facts = await this.myPages.facts(orderId);
      const row = facts && myPageOf(facts);
      if (row && row.customerId === customerId) this.send(customerId, 'mypage', row);
    } catch (error) {
      this.log.debug('live row not read', { orderId, error: String(error) });
    }
  }

  private send(customerId: string, event: string, data: unknown): void {
    const payload = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of this.streams.get(customerId) ?? []) res.write(payload);
  }
}
