import { appendFileSync } from 'node:fs';
import express, { Router } from 'express';
import {
  ActorHost,
  ActorHostSettings,
  CloudEvent,
  deadLetterTopic,
  defineEvent,
  EventMeta,
  Logger,
  LogFields,
  Outcome,
  Sidecar,
  SidecarOptions,
  Subscriptions,
  z,
} from '../../../src';
import { APP_ID, PUBSUB, STORE } from './resources';

export const ACTOR_TYPE = 'RtCounter';

/** What the actor emits (through its outbox). */
export const Counted = defineEvent('RtCounted', z.object({ actor: z.string(), n: z.number().int() }));
/** Handled by a subscriber that throws `fail` times before it succeeds. */
export const Flaky = defineEvent('RtFlaky', z.object({ fail: z.number().int().min(0) }));
/** A strict contract: `n` must be an integer. */
export const Strict = defineEvent('RtStrict', z.object({ n: z.number().int() }));
/** Where this app's DROPped events go: anything is accepted there. */
export const DeadLetters = defineEvent(deadLetterTopic(APP_ID), z.unknown());

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A logger into a file (the app's log beside the processes' logs), keeping its lines for assertions. */
export function fileLogger(file: string): Logger & { lines: Array<{ level: string; msg: string; fields?: LogFields }> } {
  const lines: Array<{ level: string; msg: string; fields?: LogFields }> = [];
  const write = (level: string) => (msg: string, fields?: LogFields) => {
    lines.push({ level, msg, ...(fields ? { fields } : {}) });
    const shown = fields ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v instanceof Error ? v.message : v])) : {};
    appendFileSync(file, `${JSON.stringify({ time: new Date().toISOString(), level, msg, ...shown })}\n`);
  };
  return { lines, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** The sidecar client of an actor host, whose publishing can be made to fail (the host "died" before it sent). */
export class FaultySidecar extends Sidecar {
  failPublish = false;
  constructor(options: SidecarOptions) {
    super(options);
  }
  override async publish(pubsub: string, topic: string, event: CloudEvent): Promise<void> {
    if (this.failPublish) throw new Error('the host crashed before it published');
    return super.publish(pubsub, topic, event);
  }
}

/** What the test app saw: turns of the actor, deliveries of events (per topic and event id). */
export class Recorder {
  /** `start <id> <label>` and `end <id> <label>`, in the order turns ran. */
  readonly turns: string[] = [];
  /** Actors whose `rendezvous` turn has begun. */
  readonly started = new Set<string>();
  /** Called between a turn's read and its commit (by actor id): another writer's chance. */
  readonly between = new Map<string, () => Promise<void>>();
  /** Deliveries over HTTP, by `<topic>/<event id>`, whatever their outcome. */
  private readonly deliveries = new Map<string, number>();
  /** Events a handler took (answered SUCCESS). */
  private readonly handled = new Map<string, number>();

  delivered(topic: string, eventId: string): number {
    return this.deliveries.get(`${topic}/${eventId}`) ?? 0;
  }
  handledCount(topic: string, eventId: string): number {
    return this.handled.get(`${topic}/${eventId}`) ?? 0;
  }
  countDelivery(topic: string, eventId: string): void {
    this.deliveries.set(`${topic}/${eventId}`, this.delivered(topic, eventId) + 1);
  }
  countHandled(topic: string, eventId: string): void {
    this.handled.set(`${topic}/${eventId}`, this.handledCount(topic, eventId) + 1);
  }
}

const addBody = z.object({ label: z.string().optional(), emit: z.string().optional(), pauseMs: z.number().int().min(0).max(1_000).optional() });

/** An actor host with the test's actor type: counts, emits, records its turns. */
export function buildHost(sidecar: Sidecar, log: Logger, recorder: Recorder, settings: ActorHostSettings): ActorHost {
  return new ActorHost(sidecar, log, settings).register({
    type: ACTOR_TYPE,
    create: ({ id, state, emit }) => ({
      methods: {
        ping: async () => 'pong',
        count: async () => (await state.get<number>('count')) ?? 0,
        /** Read-modify-write of `count`, with a pause (and the test's hook) between the read and the write. */
        add: async (body) => {
          const { label = '', emit: eventId, pauseMs = 0 } = addBody.parse(body);
          recorder.turns.push(`start ${id} ${label}`);
          const count = (await state.get<number>('count')) ?? 0;
          if (pauseMs > 0) await sleep(pauseMs);
          await recorder.between.get(id)?.();
          state.set('count', count + 1);
          state.set('last', label);
          if (eventId) emit(Counted, { actor: id, n: count + 1 }, eventId);
          recorder.turns.push(`end ${id} ${label}`);
          return { count: count + 1 };
        },
        /** Waits (up to 3 s) for the turn of another actor to begin: it meets it only if the two run at once. */
        rendezvous: async (body) => {
          const { other } = z.object({ other: z.string() }).parse(body);
          recorder.started.add(id);
          const deadline = Date.now() + 3_000;
          while (!recorder.started.has(other) && Date.now() < deadline) await sleep(10);
          return { met: recorder.started.has(other) };
        },
      },
    }),
  });
}

/**
 * The actor host the app serves, which the test can replace by a fresh one (another
 * process, as far as state goes: nothing in memory, its own sidecar client), as if the
 * app had crashed and come back.
 */
export class SwappableActorHost extends ActorHost {
  private inner: { host: ActorHost; sidecar: FaultySidecar; router: Router };

  constructor(
    private readonly build: (sidecar: FaultySidecar) => ActorHost,
    private readonly sidecarOptions: SidecarOptions,
    log: Logger,
    settings: ActorHostSettings,
  ) {
    const sidecar = new FaultySidecar(sidecarOptions);
    super(sidecar, log, settings);
    const host = build(sidecar);
    this.inner = { host, sidecar, router: host.router() };
  }

  /** The sidecar client of the host now serving. */
  get currentSidecar(): FaultySidecar {
    return this.inner.sidecar;
  }

  override get registeredTypes(): string[] {
    return this.inner.host.registeredTypes;
  }

  /** Drops the host now serving (and its memory) for a fresh one. */
  async crash(): Promise<void> {
    const old = this.inner.sidecar;
    const sidecar = new FaultySidecar(this.sidecarOptions);
    const host = this.build(sidecar);
    this.inner = { host, sidecar, router: host.router() };
    await old.close();
  }

  override router(): Router {
    const router = Router();
    router.use((req, res, next) => this.inner.router(req, res, next));
    return router;
  }

  async close(): Promise<void> {
    await this.inner.sidecar.close();
  }
}

/**
 * The app's subscriptions, counting every delivery as it arrives over HTTP (before any
 * check: an event that breaks its contract never reaches a handler), and every handling.
 */
class CountingSubscriptions extends Subscriptions {
  constructor(
    log: Logger,
    private readonly recorder: Recorder,
  ) {
    super(PUBSUB, log, { deadLetterTopic: DeadLetters.topic });
  }

  override router(): Router {
    const router = Router();
    router.post('/events/:topic', express.json({ limit: '4mb', type: () => true }), (req, _res, next) => {
      const id = (req.body as { id?: unknown } | undefined)?.id;
      this.recorder.countDelivery(req.params.topic ?? '', typeof id === 'string' ? id : '(no id)');
      next();
    });
    router.use(super.router());
    return router;
  }
}

export function buildSubscriptions(log: Logger, recorder: Recorder): Subscriptions {
  const handled = async (_data: unknown, meta: EventMeta): Promise<Outcome> => {
    recorder.countHandled(meta.topic, meta.eventId);
    return 'SUCCESS';
  };
  return new CountingSubscriptions(log, recorder)
    .on(Counted, handled)
    .on(Flaky, async (data, meta) => {
      const delivery = recorder.delivered(meta.topic, meta.eventId);
      if (delivery <= data.fail) throw new Error(`failing delivery ${delivery} of ${data.fail}`);
      return handled(data, meta);
    })
    .on(Strict, handled)
    .on(DeadLetters, handled);
}

export const HOST_SETTINGS: ActorHostSettings = { source: APP_ID, store: STORE, pubsub: PUBSUB, idleTimeout: '5m' };
