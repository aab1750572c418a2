import Redis from 'ioredis';
import type { Page, PageQuery } from '@bookstore/runtime';
import { Customer } from '../../domain/notifications';
import { CustomerStore } from '../../domain/ports';
import { idOfSortKey, msOf, sortKey } from '../../domain/timeline';
import { keys } from './keys';
import { jobId, OutboxJob } from './outbox-jobs';
import { execAll } from './redis-exec';
import { pageOfSortedSet } from './redis-paging';
import { Scripts } from './scripts';

export function customerOfHash(hash: Record<string, string>): Customer | undefined {
  if (!hash.customerId || !hash.registeredAt) return undefined;
  return { customerId: hash.customerId, name: hash.name ?? '', email: hash.email ?? '', registeredAt: hash.registeredAt };
}

/**
 * Customers as the read side knows them from CustomerRegistered: a hash each, and one sorted
 * set by registration time that serves marketing targets, NewBook targeting and fan-out.
 */
export class RedisCustomers implements CustomerStore {
  constructor(
    private readonly redis: Redis,
    private readonly scripts: Scripts,
  ) {}

  async register(customer: Customer): Promise<void> {
    const job: OutboxJob = { kind: 'catchUp', customerId: customer.customerId };
    const id = jobId(job);
    await this.scripts.learnOnce(
      keys.customer(customer.customerId),
      keys.customers,
      keys.learnedSeq,
      keys.outbox,
      keys.outboxJob(id),
      sortKey(msOf(customer.registeredAt), customer.customerId),
      id,
      JSON.stringify(job),
      Date.now(),
      ...['customerId', customer.customerId, 'name', customer.name, 'email', customer.email, 'registeredAt', customer.registeredAt],
    );
  }

  async get(customerId: string): Promise<Customer | undefined> {
    return customerOfHash(await this.redis.hgetall(keys.customer(customerId)));
  }

  async list(query: PageQuery): Promise<Page<Customer>> {
    return pageOfSortedSet(this.redis, keys.customers, query, async (members) => {
      const tx = this.redis.pipeline();
      for (const member of members) tx.hgetall(keys.customer(idOfSortKey(member)));
      return (await execAll(tx)).map((hash) => customerOfHash(hash as Record<string, string>));
    });
  }
}
