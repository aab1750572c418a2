import { ownerOf } from '../src/domain/routing';

describe('gateway routing', () => {
  it.each([
    ['/books', 'book'],
    ['/books/reStock', 'book'],
    ['/orders/o1/cancel', 'order'],
    ['/customers', 'customer'],
    ['/auth/login', 'customer'],
    ['/deliveries', 'delivery'],
    ['/myPages/o1', 'customercenter'],
    ['/notifications', 'customercenter'],
    ['/marketingTargets', 'customercenter'],
    ['/outOfStockOrders', 'customercenter'],
  ])('when %p is requested, then %p answers', (path, owner) => {
    expect(ownerOf(path)).toBe(owner);
  });

  it.each(['/', '/admin', '/constructor', '/__proto__/x'])('when %p is requested, then no service owns it', (path) => {
    expect(ownerOf(path)).toBeUndefined();
  });
});
