/**
 * Deliveries to the `notifications` binding, queued in Redis beside the read model they come
 * from (see notification-relay.ts). A job names what to deliver; the relay reads the rest.
 */
export type OutboxJob =
  /** One stored notification (Restocked). */
  | { kind: 'notify'; notificationId: string; customerId: string }
  /** A new book's fan-out to the customers known before it, in batches. */
  | { kind: 'newBook'; bookId: string }
  /** A customer learned after some announcements: the NewBooks the fan-outs missed. */
  | { kind: 'catchUp'; customerId: string };

export function jobId(job: OutboxJob): string {
  switch (job.kind) {
    case 'notify':
      return `notify:${job.notificationId}`;
    case 'newBook':
      return `newBook:${job.bookId}`;
    case 'catchUp':
      return `catchUp:${job.customerId}`;
  }
}
