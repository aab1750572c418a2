import { BookRegistered, BookView, EventPublisher, StockIncreased } from '@bookstore/runtime';
import { BookEvents } from '../../domain/ports';

/**
 * Book events with ids that follow from what they announce: a registration or restock that
 * is retried publishes the same event again, and subscribers see it once.
 */
export class BookEventPublisher implements BookEvents {
  constructor(private readonly publisher: EventPublisher) {}

  async registered({ bookId, title, author, price, stock, registeredAt }: BookView): Promise<void> {
    await this.publisher.publish(BookRegistered, { bookId, title, author, price, stock, registeredAt }, `BookRegistered-${bookId}`);
  }

  async stockIncreased(bookId: string, restockId: string, added: number, stock: number): Promise<void> {
    await this.publisher.publish(StockIncreased, { bookId, added, stock }, `StockIncreased-${bookId}-${restockId}`);
  }
}
