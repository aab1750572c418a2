import { drained, fields, groupBacklog } from '../src/streams';

const group = (lastDelivered: string, pending: number, lag: number | null) =>
  fields(['name', 'customer', 'consumers', 1, 'pending', pending, 'last-delivered-id', lastDelivered, 'entries-read', 10, 'lag', lag]);

describe('consumer group backlog', () => {
  it('when a group was handed the newest entry and acknowledged all, then it is drained, whatever lag Redis reports', () => {
    // After an AOF replay Redis can report lag 336 for a group that has read everything.
    const g = groupBacklog('Ordered', group('1796192332881-0', 0, 336), '1796192332881-0');
    expect(g).toEqual({ stream: 'Ordered', group: 'customer', lag: 336, pending: 0, behind: false });
    expect(drained([g])).toBe(true);
  });

  it('when a group has not been handed the newest entry, then it is behind', () => {
    const g = groupBacklog('Ordered', group('1796192332880-0', 0, 0), '1796192332881-0');
    expect(g.behind).toBe(true);
    expect(drained([g])).toBe(false);
  });

  it('when a group holds unacknowledged entries, then it is not drained', () => {
    expect(drained([groupBacklog('Ordered', group('5-0', 3, 0), '5-0')])).toBe(false);
  });

  it('when lag is nil, then it is kept as unknown', () => {
    expect(groupBacklog('Ordered', group('5-0', 0, null), '5-0').lag).toBeNull();
  });
});
