import { childTrace, formatTraceparent, newId, parseTraceparent } from '../src';

describe('newId', () => {
  it('when ids are made in a burst, then they are unique and sort in creation order', () => {
    const ids = Array.from({ length: 2_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('when the clock steps back, then new ids still sort after earlier ones', () => {
    const later = newId(Date.now() + 60_000);
    expect(newId(Date.now()) > later).toBe(true);
  });

  it('when ids are made in different milliseconds, then the time decides their order', () => {
    const first = newId(4_000_000_000_000);
    const second = newId(4_000_000_000_001);
    expect(second.slice(0, 10) > first.slice(0, 10)).toBe(true);
  });
});

describe('trace context', () => {
  it('when a valid traceparent arrives, then the child keeps its trace id with a new span', () => {
    const parent = parseTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    const child = childTrace(parent);
    expect(child.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(child.spanId).not.toBe('b7ad6b7169203331');
    expect(formatTraceparent(child)).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
  });

  it.each(['', 'garbage', '00-00000000000000000000000000000000-b7ad6b7169203331-01'])('when the traceparent is %p, then a new trace starts', (header) => {
    expect(parseTraceparent(header)).toBeUndefined();
    expect(childTrace(parseTraceparent(header)).traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
