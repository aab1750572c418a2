import { z } from 'zod';
import { newId } from '../ids';
import { CloudEvent, Sidecar } from './sidecar';
import { EventContract } from '../schema/events';

/** Builds the CloudEvent for an event: its id is ours, so every subscriber can dedupe on it. */
export function toCloudEvent<S extends z.ZodType>(
  source: string,
  contract: EventContract<S>,
  data: z.output<S>,
  eventId: string = newId(),
  time: string = new Date().toISOString(),
): CloudEvent<z.output<S>> {
  return {
    specversion: '1.0',
    id: eventId,
    source,
    type: contract.topic,
    datacontenttype: 'application/json',
    time,
    data,
  };
}

/** Publishes events to the topic of their type. */
export class EventPublisher {
  constructor(
    private readonly sidecar: Sidecar,
    private readonly pubsub: string,
    private readonly source: string,
  ) {}

  async publish<S extends z.ZodType>(contract: EventContract<S>, data: z.output<S>, eventId?: string): Promise<void> {
    await this.sidecar.publish(this.pubsub, contract.topic, toCloudEvent(this.source, contract, data, eventId));
  }

  /**
   * Publishes events of one contract in one call; throws if the broker did not take them all
   * (ids are kept: a resend dedupes). `time` is when each happened; now if not given.
   */
  async publishMany<S extends z.ZodType>(
    contract: EventContract<S>,
    events: Array<{ data: z.output<S>; eventId: string; time?: string | undefined }>,
  ): Promise<void> {
    const failed = await this.sidecar.publishBulk(
      this.pubsub,
      contract.topic,
      events.map((e) => toCloudEvent(this.source, contract, e.data, e.eventId, e.time)),
    );
    if (failed.length > 0) throw new Error(`${failed.length} of ${events.length} ${contract.topic} events were not published`);
  }
}
