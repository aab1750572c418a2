/**
 * The books' actors could not be asked, or their answer was lost (sidecar down, timeout,
 * open circuit). The call may or may not have happened; every actor method is idempotent,
 * so the caller may retry it.
 */
export class BooksUnavailable extends Error {
  constructor(readonly reason: string) {
    super(`the book actors are unavailable: ${reason}`);
    this.name = 'BooksUnavailable';
  }
}
