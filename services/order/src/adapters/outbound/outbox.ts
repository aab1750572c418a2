import { EventPublisher, Logger, OrderCancelled, Ordered, OutOfStocked, StateOperation } from '@bookstore/runtime';
import { OrderDomainEvent } from '../../domain/events';
import { EventDispatch } from '../../domain/ports';
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

/**
 * Publishes what the order store committed: at once after the commit, and again from a
 * periodic sweep for whatever a crash or an unreachable broker left behind (also at
 * start-up). An event may therefore go out twice, always with the same id.
 */
export class OutboxRelay implements EventDispatch {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly state: VersionedState,
    private readonly publisher: EventPublisher,
    private readonly log: Logger,
    private readonly options: RelayOptions,
  ) {}

  async dispatch(events: OrderDomainEvent[]): Promise<void> {
    for (const event of events) {
      try {
        await this.publishOne(event);
      } catch (error) {
        this.log.warn('event left in the outbox for the sweep', { eventId: event.eventId, type: event.type, error });
      }
    }
  }

  private async publishOne(event: OrderDomainEvent): Promise<void> {
    // Each branch narrows `data` to its own contract's type.
    switch (event.type) {
      case 'Ordered':
        await this.publisher.publish(CONTRACTS.Ordered, event.data, event.eventId);
        break;
      case 'OutOfStocked':
        await this.publisher.publish(CONTRACTS.OutOfStocked, event.data, event.eventId);
        break;
      case 'OrderCancelled':
        await this.publisher.publish(CONTRACTS.OrderCancelled, event.data, event.eventId);
        break;
    }
    await this.state.delete(outboxKey(event.eventId));
  }

  /** Publishes every entry older than the grace period; answers how many went out. */
  async sweep(now: Date = new Date()): Promise<number> {
    const entries = await this.state.query<OutboxEntry>({
      filter: { EQ: { kind: 'outbox' } },
      sort: [{ key: 'createdAt', order: 'ASC' }],
      page: { limit: 100 },
    });
    let sent = 0;
    for (const entry of entries) {
      if (now.getTime() - Date.parse(entry.createdAt) < this.options.graceMs) continue;
      await this.publishOne(entry.event);
      sent++;
    }
    if (sent > 0) this.log.info('outbox sweep published pending events', { sent });
    return sent;
  }

  start(): void {
    const tick = (): void => {
      this.sweeping = this.sweep()
        .then(() => undefined)
        .catch((error: unknown) => this.log.warn('outbox sweep failed; will try again', { error }))
        .finally(() => {
          this.sweeping = undefined;
        });
    };
    tick();
    this.timer = setInterval(() => {
      if (!this.sweeping) tick();
    }, this.options.sweepEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }
}
