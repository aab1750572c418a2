import { EventPublisher, Logger, PeriodicJob, StateOperation } from '@bookstore/runtime';
import { OrderCancelled, Ordered, OutOfStocked } from '@bookstore/contracts';
import { OrderDomainEvent } from '../../domain/events';
import { EventDispatch } from '../../domain/ports';
import { Grouped } from './grouped';
import { VersionedState } from './versioned-state';

const CONTRACTS = { Ordered, OutOfStocked, OrderCancelled } as const;

/** An event waiting to be published, stored in the same transaction as the order it is about. */
export interface OutboxEntry {
  kind: 'outbox';
  event: OrderDomainEvent;
  createdAt: string;
}

export const outboxKey = (eventId: string): string => `outbox:${eventId}`;

export function outboxOperation(event: OrderDomainEvent, now: Date): StateOperation {
  const value: OutboxEntry = { kind: 'outbox', event, createdAt: now.toISOString() };
  return { operation: 'upsert', request: { key: outboxKey(event.eventId), value } };
}

export interface RelayOptions {
  /** How often pending events are looked for. */
  sweepEveryMs: number;
  /** Entries younger than this are left to the request that wrote them. */
  graceMs: number;
}

/** The most events one dispatch group publishes (one bulk call per event type). */
const MAX_PUBLISH_GROUP = 100;

const settled = (ok: boolean, eventId: string): PromiseSettledResult<void> =>
  ok ? { status: 'fulfilled', value: undefined } : { status: 'rejected', reason: new Error(`event ${eventId} is still in the outbox`) };

/**
 * Publishes what the order store committed: at once after the commit, and again from a
 * periodic sweep for whatever a crash or an unreachable broker left behind (also at
 * start-up). An event may therefore go out twice, always with the same id. Concurrent
 * requests' events go out together: one bulk publish per event type, then one transaction
 * deleting the outbox entries of those that went out.
 */
export class OutboxRelay implements EventDispatch {
  private readonly sweeper: PeriodicJob;
  private readonly outgoing: Grouped<OrderDomainEvent, void>;
  private readonly inFlight = new Set<Promise<void>>();
  /** Entries the last sweep found in the outbox (one page: 100 means 100 or more). */
  private pendingAtSweep = 0;

  constructor(
    private readonly state: VersionedState,
    private readonly publisher: EventPublisher,
    private readonly log: Logger,
    private readonly options: RelayOptions,
  ) {
    this.outgoing = new Grouped((events) => this.publishAll(events), MAX_PUBLISH_GROUP);
    this.sweeper = new PeriodicJob(() => this.sweep().then(() => undefined), { name: 'outbox sweep', everyMs: options.sweepEveryMs, log });
  }

  /**
   * Sends the events on their way and returns at once: the answer to the request does not
   * wait for the broker (its events are committed in the outbox already, and go out from
   * there whatever happens), so a placement's latency has one stage less.
   */
  async dispatch(events: OrderDomainEvent[]): Promise<void> {
    const sending = Promise.all(
      events.map((event) =>
        this.outgoing
          .call(event)
          .catch((error: unknown) => this.log.warn('event left in the outbox for the sweep', { eventId: event.eventId, type: event.type, error })),
      ),
    ).then(() => undefined);
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
  }

  /** One bulk publish per event type, then one transaction removing from the outbox what went out. */
  private async publishAll(events: OrderDomainEvent[]): Promise<Array<PromiseSettledResult<void>>> {
    const unsent = new Set<string>();
    // A batch the broker did not take whole stays in the outbox whole: a resend dedupes by id.
    const send = async (batch: Array<{ eventId: string }>, publish: () => Promise<void>): Promise<void> => {
      if (batch.length === 0) return;
      await publish().catch(() => batch.forEach(({ eventId }) => unsent.add(eventId)));
    };
    const ordered = events.flatMap((e) => (e.type === 'Ordered' ? [{ data: e.data, eventId: e.eventId, time: e.at }] : []));
    const outOfStocked = events.flatMap((e) => (e.type === 'OutOfStocked' ? [{ data: e.data, eventId: e.eventId, time: e.at }] : []));
    const cancelled = events.flatMap((e) => (e.type === 'OrderCancelled' ? [{ data: e.data, eventId: e.eventId, time: e.at }] : []));
    await Promise.all([
      send(ordered, () => this.publisher.publishMany(CONTRACTS.Ordered, ordered)),
      send(outOfStocked, () => this.publisher.publishMany(CONTRACTS.OutOfStocked, outOfStocked)),
      send(cancelled, () => this.publisher.publishMany(CONTRACTS.OrderCancelled, cancelled)),
    ]);
    const sent = events.filter((e) => !unsent.has(e.eventId));
    if (sent.length > 0) await this.state.transact(sent.map((e) => ({ operation: 'delete', request: { key: outboxKey(e.eventId) } })));
    return events.map((e) => settled(!unsent.has(e.eventId), e.eventId));
  }

  /** Publishes every entry older than the grace period; answers how many went out. */
  async sweep(now: Date = new Date()): Promise<number> {
    const entries = await this.state.query<OutboxEntry>({
      filter: { EQ: { kind: 'outbox' } },
      sort: [{ key: 'createdAt', order: 'ASC' }],
      page: { limit: 100 },
    });
    this.pendingAtSweep = entries.length;
    const due = entries.filter((entry) => now.getTime() - Date.parse(entry.createdAt) >= this.options.graceMs).map((entry) => entry.event);
    if (due.length === 0) return 0;
    const sent = (await this.publishAll(due)).filter((r) => r.status === 'fulfilled').length;
    if (sent > 0) this.log.info('outbox sweep published pending events', { sent });
    return sent;
  }

  /** For the metrics: events being sent now, and what the last sweep found still waiting. */
  get depth(): { inFlight: number; pendingAtSweep: number } {
    return { inFlight: this.inFlight.size, pendingAtSweep: this.pendingAtSweep };
  }

  start(): void {
    this.sweeper.start();
  }

  async stop(): Promise<void> {
    await this.sweeper.stop();
    await Promise.all(this.inFlight);
  }
}
