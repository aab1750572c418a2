import express, { Request, Response, Router } from 'express';
import { z } from 'zod';
import { Logger } from '../log';
import { childTrace, parseTraceparent, runInTrace } from '../trace';
import { EventContract } from '../contracts/events';

/** What became of a message: done, try again later, or never (to the dead-letter topic). */
export type Outcome = 'SUCCESS' | 'RETRY' | 'DROP';

export interface EventMeta {
  /** The CloudEvent id: the publisher's event id, the same on every redelivery. */
  eventId: string;
  topic: string;
  time?: string;
}

export type EventHandler<T> = (data: T, meta: EventMeta) => Promise<Outcome>;

interface Subscription {
  topic: string;
  route: string;
  handle(body: unknown): Promise<Outcome>;
}

const cloudEventSchema = z.object({
  id: z.string(),
  data: z.unknown(),
  time: z.string().optional(),
  traceparent: z.string().optional(),
});

/**
 * The app's pub/sub subscriptions, declared to Dapr through GET /dapr/subscribe.
 * A handler says what became of each message; a handler that throws is answered RETRY,
 * never acknowledged as a success (the JS SDK acks a throwing handler: js-sdk issue 720).
 * A message whose data does not match its contract is DROPped: retrying cannot fix it.
 */
export class Subscriptions {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly pubsub: string,
    private readonly log: Logger,
    private readonly options: { deadLetterTopic?: string } = {},
  ) {}

  on<S extends z.ZodType>(contract: EventContract<S>, handler: EventHandler<z.output<S>>): this {
    const topic = contract.topic;
    this.subscriptions.push({
      topic,
      route: `/events/${topic}`,
      handle: async (body) => {
        const envelope = cloudEventSchema.safeParse(body);
        if (!envelope.success) {
          this.log.warn('dropping a message that is not a CloudEvent', { topic });
          return 'DROP';
        }
        const data = contract.schema.safeParse(envelope.data.data);
        if (!data.success) {
          this.log.warn('dropping an event that breaks its contract', { topic, eventId: envelope.data.id, issues: data.error.issues });
          return 'DROP';
        }
        const meta: EventMeta = { eventId: envelope.data.id, topic, ...(envelope.data.time ? { time: envelope.data.time } : {}) };
        return runInTrace(childTrace(parseTraceparent(envelope.data.traceparent)), async () => {
          try {
            return await handler(data.data, meta);
          } catch (error) {
            this.log.error('event handler failed; asking for redelivery', { topic, eventId: meta.eventId, error });
            return 'RETRY';
          }
        });
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
        })),
      );
    });
    const json = express.json({ limit: '1mb', type: () => true });
    for (const subscription of this.subscriptions) {
      router.post(subscription.route, json, (req: Request, res: Response) => {
        void subscription.handle(req.body).then((status) => res.status(200).json({ status }));
      });
    }
    return router;
  }
}
