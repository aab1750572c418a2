import express, { Request, Response, Router } from 'express';
import { Logger } from '../log';
import { problem, PROBLEM_CONTENT_TYPE, ProblemError } from '../schema/problem';
import { z } from 'zod';
import { EventContract } from '../schema/events';
import { toCloudEvent } from './publisher';
import { ActorState } from './actor-state';
import { CloudEvent, ReminderOptions, Sidecar } from './sidecar';

export { ActorState, StaleActivationError } from './actor-state';
export type { ActorStore } from './actor-state';

/** What an actor instance is given: its identity, its state and its reminders. */
export interface ActorContext {
  readonly type: string;
  readonly id: string;
  readonly state: ActorState;
  readonly log: Logger;
  setReminder(name: string, options: ReminderOptions): Promise<void>;
  deleteReminder(name: string): Promise<void>;
  /**
   * Publishes an event with this turn's state: it is written to the actor's outbox in the
   * turn's transaction and sent once that commits (see ActorHost), so a turn cannot change
   * state without its event, nor send an event for a change that did not happen.
   */
  emit<S extends z.ZodType>(contract: EventContract<S>, data: z.output<S>, eventId: string): void;
}

export type ActorMethod = (body: unknown) => Promise<unknown>;

/** An actor implementation: method names are routed explicitly, never by reflection. */
export interface ActorInstance {
  methods: Record<string, ActorMethod>;
  /** Called by reminders; `name` is the reminder's name. */
  onReminder?(name: string, data: unknown): Promise<void>;
}

export interface ActorTypeRegistration {
  /** The Dapr actor type, a constant from the contracts (never a class name). */
  type: string;
  create(context: ActorContext): ActorInstance;
}

/** The actor's outbox (a state key) and the reminder that empties it if a send failed or the app died. */
const OUTBOX = 'outbox';
const OUTBOX_REMINDER = 'flush-outbox';

export interface ActorHostSettings {
  /** The CloudEvent `source` of events actors emit (the app-id). */
  source: string;
  /** The state store actors keep their state in: one whose transactions roll back whole (Dapr's `actorStateStore`). */
  store: string;
  /** The pub/sub component the actors' outbox sends their events to. */
  pubsub: string;
  idleTimeout?: string;
  drainOngoingCallTimeout?: string;
}

interface Activation {
  type: string;
  id: string;
  instance: ActorInstance;
  state: ActorState;
  /** Events emitted by the turn under way. */
  emitted: CloudEvent[];
  /** The turn under way; the next one starts after it (see `turn`). */
  queue: Promise<void>;
  /** Whether this activation knows the outbox reminder to be set. */
  outboxReminder: boolean;
}

/**
 * Hosts actors in an Express app by answering Dapr's actor callbacks
 * (GET /dapr/config, PUT /actors/{type}/{id}/method/{name}, DELETE /actors/{type}/{id}).
 * Dapr runs one turn at a time per actor id, so an activation needs no locking here.
 */
export class ActorHost {
  private readonly types = new Map<string, ActorTypeRegistration>();
  private readonly active = new Map<string, Activation>();

  constructor(
    private readonly sidecar: Sidecar,
    private readonly log: Logger,
    private readonly settings: ActorHostSettings,
  ) {}

  register(registration: ActorTypeRegistration): this {
    this.types.set(registration.type, registration);
    return this;
  }

  get registeredTypes(): string[] {
    return [...this.types.keys()];
  }

  router(): Router {
    const router = Router();
    const json = express.json({ limit: '1mb', type: () => true });
    router.get('/dapr/config', (_req, res) => {
      res.json({
        entities: this.registeredTypes,
        actorIdleTimeout: this.settings.idleTimeout ?? '1h',
        drainOngoingCallTimeout: this.settings.drainOngoingCallTimeout ?? '20s',
        drainRebalancedActors: true,
        reentrancy: { enabled: false },
      });
    });
    router.put('/actors/:type/:id/method/remind/:name', json, (req, res) => void this.remind(req, res));
    router.put('/actors/:type/:id/method/timer/:name', json, (_req, res) => res.status(200).end());
    router.put('/actors/:type/:id/method/:method', json, (req, res) => void this.invoke(req, res));
    router.delete('/actors/:type/:id', (req, res) => {
      this.active.delete(`${req.params.type}/${req.params.id}`);
      res.status(200).end();
    });
    return router;
  }

  private activation(type: string, id: string): Activation | undefined {
    const key = `${type}/${id}`;
    const existing = this.active.get(key);
    if (existing) return existing;
    const registration = this.types.get(type);
    if (!registration) return undefined;
    const state = new ActorState(this.sidecar, this.settings.store, type, id);
    const emitted: CloudEvent[] = [];
    const context: ActorContext = {
      type,
      id,
      state,
      log: this.log,
      setReminder: (name, options) => this.sidecar.setReminder(type, id, name, options),
      deleteReminder: (name) => this.sidecar.deleteReminder(type, id, name),
      emit: (contract, data, eventId) => void emitted.push(toCloudEvent(this.settings.source, contract, data, eventId)),
    };
    const activation: Activation = { type, id, instance: registration.create(context), state, emitted, queue: Promise.resolve(), outboxReminder: false };
    this.active.set(key, activation);
    return activation;
  }

  /**
   * Runs one turn: the work, then its state changes in one write; or nothing at all. Turns
   * of one activation run one after another here too: when the sidecar gives up on a call
   * (a timeout) it lets the next one in, while this app may still be running the first.
   */
  private turn(activation: Activation, work: () => Promise<unknown>): Promise<unknown> {
    const run = activation.queue.then(() => this.runTurn(activation, work));
    activation.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async runTurn(activation: Activation, work: () => Promise<unknown>): Promise<unknown> {
    const { state, emitted } = activation;
    let sent: boolean;
    let result: unknown;
    try {
      result = await work();
      sent = emitted.length > 0;
      if (sent) {
        state.set(OUTBOX, [...((await state.get<CloudEvent[]>(OUTBOX)) ?? []), ...emitted.splice(0)]);
        // Set before the commit: if this app dies after it, the reminder still sends the events.
        if (!activation.outboxReminder) await this.sidecar.setReminder(activation.type, activation.id, OUTBOX_REMINDER, { dueTime: '10s', period: '10s' });
        activation.outboxReminder = true;
      }
      await state.commit();
    } catch (error) {
      emitted.length = 0;
      state.discard();
      throw error;
    }
    if (sent)
      await this.flushOutbox(activation).catch((error: unknown) => this.log.warn('events kept in the actor outbox; its reminder sends them', { error }));
    return result;
  }

  /** Sends what the outbox holds, then empties it and removes its reminder. Events keep their ids: a resend dedupes. */
  private async flushOutbox(activation: Activation): Promise<void> {
    const { state } = activation;
    const pending = (await state.get<CloudEvent[]>(OUTBOX)) ?? [];
    for (const event of pending) await this.sidecar.publish(this.settings.pubsub, event.type, event);
    if (pending.length > 0) {
      state.delete(OUTBOX);
      await state.commit();
    }
    await this.sidecar.deleteReminder(activation.type, activation.id, OUTBOX_REMINDER);
    activation.outboxReminder = false;
  }

  private async invoke(req: Request, res: Response): Promise<void> {
    const { type = '', id = '', method = '' } = req.params;
    const activation = this.activation(type, id);
    const handler = activation?.instance.methods[method];
    if (!activation || !handler) {
      res
        .status(404)
        .type(PROBLEM_CONTENT_TYPE)
        .json(problem(404, 'not-found', `No actor method ${type}.${method}`));
      return;
    }
    try {
      const result = await this.turn(activation, () => handler(req.body));
      res.status(200).json(result ?? null);
    } catch (error) {
      // A refused body (the method's parseOrThrow): the caller's fault, answered as such; the turn committed nothing.
      if (error instanceof ProblemError && error.httpStatus < 500) {
        res.status(error.httpStatus).type(PROBLEM_CONTENT_TYPE).json(error.problem);
        return;
      }
      this.log.error('actor method failed', { actorType: type, actorId: id, method, error });
      res
        .status(500)
        .type(PROBLEM_CONTENT_TYPE)
        .json(problem(500, 'actor-error', `${type}.${method} failed`));
    }
  }

  private async remind(req: Request, res: Response): Promise<void> {
    const { type = '', id = '', name = '' } = req.params;
    const activation = this.activation(type, id);
    if (!activation || (name !== OUTBOX_REMINDER && !activation.instance.onReminder)) {
      res.status(200).end();
      return;
    }
    try {
      const body = req.body as { data?: unknown } | undefined;
      const work = name === OUTBOX_REMINDER ? () => this.flushOutbox(activation) : () => activation.instance.onReminder!(name, body?.data);
      await this.turn(activation, work);
      res.status(200).end();
    } catch (error) {
      this.log.error('actor reminder failed', { actorType: type, actorId: id, reminder: name, error });
      res.status(500).end();
    }
  }
}
