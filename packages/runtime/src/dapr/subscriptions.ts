import express, { Request, Response, Router } from 'express';
import { z } from 'zod';
import { Logger } from '../log';
import { childTrace, parseTraceparent, runInTrace } from '../trace';
import { EventContract } from '../schema/events';

/** What became of a message: done, try again later, or never (to the dead-letter topic). */
export type Outcome = 'SUCCESS' | 'RETRY' | 'DROP';

export interface EventMeta {
  /** The CloudEvent id: the publisher's event id, the same on every redelivery. */
  eventId: string;
  topic: string;
  time?: string;
}

export type EventHandler<T> = (data: T, meta: EventMeta) => Promise<Outcome>;

/** One event of a bulk delivery, checked against its contract. */
export interface BatchEntry<T> {
  data: T;
  meta: EventMeta;
}

/** Answers one outcome per entry, in the same order. */
export type BatchHandler<T> = (entries: Array<BatchEntry<T>>) => Promise<Outcome[]>;

export interface BatchOptions {
  /** Most events in one delivery (default 100). */
  maxMessages?: number;
  /** How long the sidecar waits to fill a batch before it sends what it has (default 20 ms). */
  maxAwaitMs?: number;
}

interface Subscription {
  topic: string;
  route: string;
  bulk?: { maxMessagesCount: number; maxAwaitDurationMs: number };
  /** Answers the HTTP body Dapr expects for what it sent (one event, or a bulk envelope). */
  answer(body: unknown): Promise<{ status?: Outcome; statuses?: Array<{ entryId: string; status?: Outcome }> }>;
}

const cloudEventSchema = z.object({
  id: z.string(),
  data: z.unknown(),
  time: z.string().optional(),
  traceparent: z.string().optional(),
});

/** Dapr's bulk delivery: each entry an event with the id Dapr answers it by. */
const bulkEnvelopeSchema = z.object({
  entries: z.array(z.object({ entryId: z.string().min(1).max(100), event: z.unknown() })).max(1_000),
});

type Checked<T> = { ok: true; entry: BatchEntry<T>; traceparent?: string } | { ok: false };

/**
 * The app's pub/sub subscriptions, declared to Dapr through GET /dapr/subscribe.
 * A handler says what became of each message; a handler that throws is answered RETRY,
 * never acknowledged as a success (the JS SDK acks a throwing handler: js-sdk issue 720).
 * A message whose data does not match its contract is DROPped: retrying cannot fix it.
 *
 * `onBatch` subscribes with Dapr's bulk subscribe: the sidecar hands over up to
 * `maxMessages` events in one HTTP call, so a handler can apply them in one state write
 * (one actor turn per customer, one Redis pipeline) instead of one call per event.
 */
export class Subscriptions {
  private readonly subscriptions: Subscription[] = [];
  private observer: (topic: string, outcome: Outcome) => void = () => undefined;

  /** Told of every event's outcome (the service's metrics count them). */
  observe(observer: (topic: string, outcome: Outcome) => void): void {
    this.observer = observer;
  }

  constructor(
    private readonly pubsub: string,
    private readonly log: Logger,
    private readonly options: { deadLetterTopic?: string } = {},
  ) {}

  private check<S extends z.ZodType>(contract: EventContract<S>, body: unknown): Checked<z.output<S>> {
    const topic = contract.topic;
    const envelope = cloudEventSchema.safeParse(body);
    if (!envelope.success) {
      this.log.warn('dropping a message that is not a CloudEvent', { topic });
      return { ok: false };
    }
    const data = contract.schema.safeParse(envelope.data.data);
    if (!data.success) {
      this.log.warn('dropping an event that breaks its contract', { topic, eventId: envelope.data.id, issues: data.error.issues });
      return { ok: false };
    }
    const meta: EventMeta = { eventId: envelope.data.id, topic, ...(envelope.data.time ? { time: envelope.data.time } : {}) };
    return { ok: true, entry: { data: data.data, meta }, ...(envelope.data.traceparent ? { traceparent: envelope.data.traceparent } : {}) };
  }

  on<S extends z.ZodType>(contract: EventContract<S>, handler: EventHandler<z.output<S>>): this {
    const topic = contract.topic;
    const handle = async (body: unknown): Promise<Outcome> => {
      const checked = this.check(contract, body);
      if (!checked.ok) return 'DROP';
      const { data, meta } = checked.entry;
      return runInTrace(childTrace(parseTraceparent(checked.traceparent)), async () => {
        try {
          return await handler(data, meta);
        } catch (error) {
          this.log.error('event handler failed; asking for redelivery', { topic, eventId: meta.eventId, error });
          return 'RETRY';
        }
      });
    };
    this.subscriptions.push({ topic, route: `/events/${topic}`, answer: async (body) => ({ status: await handle(body) }) });
    return this;
  }

  onBatch<S extends z.ZodType>(contract: EventContract<S>, handler: BatchHandler<z.output<S>>, options: BatchOptions = {}): this {
    const topic = contract.topic;
    const handleBatch = async (events: unknown[]): Promise<Outcome[]> => {
      const checked = events.map((event) => this.check(contract, event));
      const valid = checked.flatMap((c) => (c.ok ? [c] : []));
      if (valid.length === 0) return checked.map(() => 'DROP');
      // One span for the batch, a child of the first event's trace: a batch has many parents.
      const outcomes = await runInTrace(childTrace(parseTraceparent(valid[0]!.traceparent)), async (): Promise<Outcome[]> => {
        try {
          const answered = await handler(valid.map((c) => c.entry));
          if (answered.length !== valid.length) throw new Error(`batch handler answered ${answered.length} outcomes for ${valid.length} events`);
          return answered;
        } catch (error) {
          this.log.error('batch handler failed; asking for redelivery', { topic, events: valid.length, error });
          return valid.map(() => 'RETRY');
        }
      });
      let next = 0;
      return checked.map((c) => (c.ok ? outcomes[next++]! : 'DROP'));
    };
    this.subscriptions.push({
      topic,
      route: `/events/${topic}`,
      bulk: { maxMessagesCount: options.maxMessages ?? 100, maxAwaitDurationMs: options.maxAwaitMs ?? 20 },
      answer: async (body) => {
        const bulk = bulkEnvelopeSchema.safeParse(body);
        // A single event (not Dapr's bulk envelope) is answered in the single-event shape.
        if (!bulk.success) return { status: (await handleBatch([body]))[0] };
        const outcomes = await handleBatch(bulk.data.entries.map((e) => e.event));
        return { statuses: bulk.data.entries.map((e, i) => ({ entryId: e.entryId, status: outcomes[i] })) };
      },
    });
    return this;
  }

  get topics(): string[] {
    return this.subscriptions.map((s) => s.topic);
  }

  router(): Router {
    const router = Router();
    router.get('/dapr/subscribe', (_req, res) => {
      res.json(
        this.subscriptions.map((s) => ({
          pubsubname: this.pubsub,
          topic: s.topic,
          route: s.route,
          ...(this.options.deadLetterTopic ? { deadLetterTopic: this.options.deadLetterTopic } : {}),
          ...(s.bulk ? { bulkSubscribe: { enabled: true, ...s.bulk } } : {}),
        })),
      );
    });
    const json = express.json({ limit: '4mb', type: () => true });
    for (const subscription of this.subscriptions) {
      router.post(subscription.route, json, (req: Request, res: Response) => {
        void subscription.answer(req.body).then((body) => {
          if (body.status) this.observer(subscription.topic, body.status);
          for (const entry of body.statuses ?? []) if (entry.status) this.observer(subscription.topic, entry.status);
          res.status(200).json(body);
        });
      });
    }
    return router;
  }
}
