import { Sidecar } from '@bookstore/runtime';
import { Standing } from '../../domain/grade';
import { CUSTOMER_ACTOR_TYPE, RecordCancelledRequest, RecordOrderedRequest } from '../inbound/customer-actor';

/** Calls to this service's CustomerActors, through its sidecar. */
export class CustomerActors {
  constructor(private readonly sidecar: Sidecar) {}

  async recordOrdered(customerId: string, request: RecordOrderedRequest): Promise<void> {
    await this.sidecar.invokeActor(CUSTOMER_ACTOR_TYPE, customerId, 'recordOrdered', request);
  }

  async recordCancelled(customerId: string, request: RecordCancelledRequest): Promise<void> {
    await this.sidecar.invokeActor(CUSTOMER_ACTOR_TYPE, customerId, 'recordCancelled', request);
  }

  standing(customerId: string): Promise<Standing> {
    return this.sidecar.invokeActor(CUSTOMER_ACTOR_TYPE, customerId, 'standing', {});
  }
}
