import type { Page, PageQuery } from '@bookstore/runtime/schema';
import { MyPage, MyPageFacts } from './my-page';
import { Customer, Notification } from './notifications';
import { CoveringRestock, OutOfStockOrder, Restock, RestockClaim } from './restock';

export interface MyPageStore {
  /**
   * Adds facts to orders' rows and lists each under its customer; facts already known stay
   * as they are. All of a batch in one write: a batch of events is one Redis round trip.
   */
  record(facts: MyPageFacts[]): Promise<void>;
  facts(orderId: string): Promise<MyPageFacts | undefined>;
  /** Rows newest first; one customer's, or everyone's. */
  list(customerId: string | undefined, query: PageQuery): Promise<Page<MyPage>>;
}

export interface CustomerStore {
  /** Learns a customer once; a redelivery changes nothing. */
  register(customer: Customer): Promise<void>;
  get(customerId: string): Promise<Customer | undefined>;
  /** Marketing targets: every customer, newest registration first. */
  list(query: PageQuery): Promise<Page<Customer>>;
}

export interface BookAnnouncement {
  bookId: string;
  title: string;
  author: string;
  registeredAt: string;
}

export interface NotificationStore {
  /** Stores a book's announcement once (not per customer) and schedules its delivery. */
  announce(book: BookAnnouncement): Promise<void>;
  /** The title of an announced book, if it was announced. */
  titleOf(bookId: string): Promise<string | undefined>;
  /** Stores a notification and schedules its delivery, once by its id: storing it again adds and sends nothing. */
  store(notification: Notification): Promise<void>;
  /** A customer's notifications, NewBook merged in at read time, newest first. */
  list(customer: Customer | undefined, customerId: string, query: PageQuery): Promise<Page<Notification>>;
}

export interface OutOfStockStore {
  /**
   * Learns an out-of-stock order once: pending the next restock, or, when the book's latest
   * restock happened after the order failed (`failedAt`), covered by that restock, which is
   * answered so that its customer is told now. A redelivery of a covered order not yet
   * notified is answered covered again; of any other known order, nothing.
   */
  record(order: OutOfStockOrder, failedAt: string): Promise<CoveringRestock | undefined>;
  /**
   * Atomically takes a book's pending orders for one restock and remembers the claim under
   * its event id: the same event again gets its first claim back and takes nothing more.
   */
  claimPending(restock: Restock): Promise<RestockClaim>;
  /** Marks orders as told of their restock by a notification. */
  markNotified(orderIds: string[], notification: Notification): Promise<void>;
  list(bookId: string | undefined, query: PageQuery): Promise<Page<OutOfStockView>>;
}

export interface OutOfStockView extends OutOfStockOrder {
  notified: boolean;
  notificationId?: string;
  notifiedAt?: string;
}

/**
 * A change that a customer's open pages should show now: a MyPage row, or a notification
 * (`*`: every customer, a NewBook). Only a hint: the page reads the row or list itself.
 */
export type LiveChange = { kind: 'mypage'; customerId: string; orderId: string } | { kind: 'notification'; customerId: string };

/** Tells open pages of changes; best effort, never failing the write it follows (the page reads again on reconnect). */
export interface LiveFeed {
  publish(changes: LiveChange[]): Promise<void>;
}
