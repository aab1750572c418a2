import {
  BOOK_ACTOR_TYPE,
  BookActorMethods,
  GetBookResult,
  RegisterBookRequest,
  RegisterBookResult,
  Sidecar,
} from '@bookstore/runtime';

/** The book service's own calls to its BookActors, through its sidecar (placement finds the host). */
export class BookActors {
  constructor(private readonly sidecar: Sidecar) {}

  register(bookId: string, request: RegisterBookRequest): Promise<RegisterBookResult> {
    return this.sidecar.invokeActor(BOOK_ACTOR_TYPE, bookId, BookActorMethods.register, request);
  }

  get(bookId: string): Promise<GetBookResult> {
    return this.sidecar.invokeActor(BOOK_ACTOR_TYPE, bookId, BookActorMethods.get, {});
  }
}
