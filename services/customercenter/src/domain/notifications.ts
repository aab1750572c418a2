import { msOf, sortKey } from './timeline';

export type NotificationKind = 'NewBook' | 'Restocked';

/** A notification as its customer reads it. */
export interface Notification {
  notificationId: string;
  customerId: string;
  kind: NotificationKind;
  bookId: string;
  message: string;
  createdAt: string;
}

export interface Customer {
  customerId: string;
  name: string;
  email: string;
  registeredAt: string;
}

/** A new book, announced once to every customer who registered before it. */
export interface Announcement {
  bookId: string;
  title: string;
  author: string;
  registeredAt: string;
}

/**
 * NewBook targeting: a customer hears of books registered after they registered, and only
 * those (a customer who signs up after a book was registered finds it in the catalogue).
 */
export function seesNewBook(customerRegisteredAt: string, bookRegisteredAt: string): boolean {
  return msOf(customerRegisteredAt) < msOf(bookRegisteredAt);
}

/**
 * The NewBook notification of one customer. It is never stored per customer: it is made from
 * the one stored announcement whenever it is read, so its id is a function of the pair and
 * stays the same across reads, and its creation time is the book's registration.
 */
export function newBookNotification(announcement: Announcement, customerId: string): Notification {
  return {
    notificationId: `${announcement.bookId}-${customerId}`,
    customerId,
    kind: 'NewBook',
    bookId: announcement.bookId,
    message: announcement.author ? `New book: "${announcement.title}" by ${announcement.author}` : `New book: "${announcement.title}"`,
    createdAt: announcement.registeredAt,
  };
}

/** Where an announcement sits in a list: the book's registration time, then its id. */
export function announcementSortKey(announcement: Pick<Announcement, 'bookId' | 'registeredAt'>): string {
  return sortKey(msOf(announcement.registeredAt), announcement.bookId);
}

export function notificationSortKey(notification: Notification): string {
  return sortKey(msOf(notification.createdAt), notification.notificationId);
}
