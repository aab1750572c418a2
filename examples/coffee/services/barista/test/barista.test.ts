import { NO_CUP, onNews } from '../src/domain/barista';

describe('barista', () => {
  it('when an order is paid, then the coffee is served once even if Paid is redelivered', () => {
    const first = onNews(NO_CUP, { kind: 'paid', eventId: 'e1' });
    expect(first.serve).toBe(true);
    expect(onNews(first.next, { kind: 'paid', eventId: 'e1' })).toEqual({ next: first.next, serve: false });
  });
  it('when the cancel arrives before Paid, then no coffee is made', () => {
    const stopped = onNews(NO_CUP, { kind: 'stop', eventId: 'c1' }).next;
    expect(stopped.status).toBe('stopped');
    expect(onNews(stopped, { kind: 'paid', eventId: 'p1' }).serve).toBe(false);
  });
  it('when a served order is refunded, then the coffee is thrown away', () => {
    const served = onNews(NO_CUP, { kind: 'paid', eventId: 'p1' }).next;
    expect(onNews(served, { kind: 'stop', eventId: 'r1' }).next.status).toBe('discarded');
  });
});
