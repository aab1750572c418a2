/**
 * The read models' Redis keys (ioredis adds the `customercenter:` prefix). Lists are sorted
 * sets with score 0, ordered by member (see domain/timeline.ts); rows are hashes or JSON.
 */
export const keys = {
  /** One order's MyPage facts (hash). */
  myPage: (orderId: string) => `mypage:${orderId}`,
  /** Order ids of one customer's MyPage rows; of everyone's. */
  myPagesOf: (customerId: string) => `mypages:customer:${customerId}`,
  myPagesAll: 'mypages:all',
  /** One counter stamping customers and announcements in the order they were learned. */
  learnedSeq: 'seq',
  customer: (customerId: string) => `customer:${customerId}`,
  /** Sort keys (registration time, customer id) of every customer. */
  customers: 'customers',
  /** A book's announcement (hash), stored once for all customers. */
  book: (bookId: string) => `book:${bookId}`,
  /** Sort keys (registration time, book id) of every announcement. */
  announcements: 'announcements',
  outOfStock: (orderId: string) => `oos:${orderId}`,
  /** orderId → customerId of a book's out-of-stock orders not yet notified (hash). */
  pendingRestock: (bookId: string) => `oos:pending:${bookId}`,
  outOfStockOf: (bookId: string) => `oos:book:${bookId}`,
  /** A book's latest restock (hash: at, eventId, claimedAt), for OutOfStocked events arriving after it. */
  latestRestock: (bookId: string) => `oos:restocked:${bookId}`,
  outOfStockAll: 'oos:all',
  /** What one StockIncreased event claimed, so that its redelivery claims nothing more. */
  restockClaim: (eventId: string) => `restock:${eventId}`,
  notification: (notificationId: string) => `notification:${notificationId}`,
  /** Sort keys of one customer's stored (Restocked) notifications. */
  notificationsOf: (customerId: string) => `notifications:customer:${customerId}`,
  /** Binding deliveries to make: job id scored by when it is next due. */
  outbox: 'outbox',
  outboxJob: (jobId: string) => `outbox:job:${jobId}`,
} as const;

/** How long a restock claim is kept: far longer than any redelivery. */
export const RESTOCK_CLAIM_TTL_SECONDS = 7 * 24 * 3600;
