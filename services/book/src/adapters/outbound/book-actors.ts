import { Sidecar, SidecarError } from '@bookstore/runtime';
import {
  BOOK_ACTOR_TYPE,
  BookActorMethods,
  BookView,
  ConfirmManyResult,
  ConfirmRequest,
  ConfirmResult,
  GetBookResult,
  RegisterBookRequest,
  RegisterBookResult,
  ReleaseManyResult,
  ReleaseRequest,
  ReleaseResult,
  RestockRequest,
  RestockResult,
  SettleManyRequest,
} from '@bookstore/contracts';
import { BooksUnavailable } from '../../domain/errors';
import { BookActorsPort } from '../../domain/ports';

/** The book service's own calls to its BookActors, through its sidecar (placement finds the host). */
export class BookActors implements BookActorsPort {
  constructor(private readonly sidecar: Sidecar) {}

  register(bookId: string, request: RegisterBookRequest): Promise<RegisterBookResult> {
    return this.invoke(bookId, BookActorMethods.register, request);
  }

  async get(bookId: string): Promise<BookView | undefined> {
    const result = await this.invoke<GetBookResult>(bookId, BookActorMethods.get, {});
    return result.ok ? result.book : undefined;
  }

  restock(bookId: string, restockId: string, qty: number): Promise<RestockResult> {
    const request: RestockRequest = { restockId, qty };
    return this.invoke(bookId, BookActorMethods.restock, request);
  }

  release(bookId: string, orderId: string): Promise<ReleaseResult> {
    const request: ReleaseRequest = { orderId };
    return this.invoke(bookId, BookActorMethods.release, request);
  }

  confirm(bookId: string, orderId: string): Promise<ConfirmResult> {
    const request: ConfirmRequest = { orderId };
    return this.invoke(bookId, BookActorMethods.confirm, request);
  }

  confirmMany(bookId: string, orderIds: string[]): Promise<ConfirmManyResult> {
    const request: SettleManyRequest = { orderIds };
    return this.invoke(bookId, BookActorMethods.confirmMany, request);
  }

  releaseMany(bookId: string, orderIds: string[]): Promise<ReleaseManyResult> {
    const request: SettleManyRequest = { orderIds };
    return this.invoke(bookId, BookActorMethods.releaseMany, request);
  }

  private async invoke<T>(bookId: string, method: string, body: unknown): Promise<T> {
    try {
      return await this.sidecar.invokeActor<T>(BOOK_ACTOR_TYPE, bookId, method, body);
    } catch (error) {
      // Every BookActor method is idempotent, so "unavailable" is safe to retry whatever happened.
      if (error instanceof SidecarError) throw new BooksUnavailable(`${error.code}: ${error.message}`);
      throw error;
    }
  }
}
