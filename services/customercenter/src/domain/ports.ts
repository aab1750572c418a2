import type { Page, PageQuery } from '@bookstore/runtime/schema';
import { MyPage, MyPageFacts } from './my-page';
import { Customer, Notification } from './notifications';
import { OutOfStockOrder } from './restock';

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
  /**
   * Handles one restock of a book: atomically takes its not-yet-notified out-of-stock orders,
   * marks them notified and stores one Restocked notification per customer. The same event
   * delivered again notifies nobody again.
   */
  restock(bookId: string, eventId: string, restockedAt: string): Promise<Notification[]>;
  /**
   * Tells the customer of an out-of-stock order that arrived after the restock covering it
   * (see OutOfStockStore.record): the same notification that restock would have stored for
   * them, so a customer covered twice by one restock is told once.
   */
  notifyCovered(order: Omit<OutOfStockOrder, 'notified'>, restock: CoveringRestock): Promise<Notification>;
  /** A customer's notifications, NewBook merged in at read time, newest first. */
  list(customer: Customer | undefined, customerId: string, query: PageQuery): Promise<Page<Notification>>;
}

/** A restock of a book that came after an out-of-stock order failed. */
export interface CoveringRestock {
  eventId: string;
  claimedAt: number;
}

export interface OutOfStockStore {
  /**
   * Learns an out-of-stock order once: pending the next restock, or, when the book's latest
   * restock happened after the order failed (`failedAt`), covered by that restock, which is
   * answered so that its customer is told now.
   */
  record(order: Omit<OutOfStockOrder, 'notified'>, failedAt: string): Promise<CoveringRestock | undefined>;
  list(bookId: string | undefined, query: PageQuery): Promise<Page<OutOfStockView>>;
}

export interface OutOfStockView extends Omit<OutOfStockOrder, 'notified'> {
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
