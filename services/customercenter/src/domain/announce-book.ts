import { LearnOutcome } from './learn-customer';
import { BookAnnouncement, LiveFeed, NotificationStore } from './ports';
import { isTimestamp } from './timeline';

/**
 * A book was registered (BookRegistered): announced once, for every customer who registered
 * before it (NewBook), and shown on every open page.
 */
export async function announceBook(deps: { notifications: NotificationStore; live: LiveFeed }, book: BookAnnouncement): Promise<LearnOutcome> {
  if (!isTimestamp(book.registeredAt)) return 'unplaceable';
  await deps.notifications.announce(book);
  await deps.live.publish([{ kind: 'notification', customerId: '*' }]);
  return 'learned';
}
