import { dueBetween, intendedTimes } from '../src/schedule';

describe('open-loop schedule', () => {
  it('when 300 requests a second are asked for 2 s, then 600 are scheduled 1/300 s apart from the start', () => {
    const times = intendedTimes(300, 2_000, 1_000);
    expect(times).toHaveLength(600);
    expect(times[0]).toBe(1_000);
    expect(times[1]! - times[0]!).toBeCloseTo(1000 / 300, 9);
    expect(times[599]).toBeLessThan(3_000);
  });

  it('when the generator falls behind, then every request already due is sent at once, none skipped', () => {
    const times = intendedTimes(100, 1_000, 0);
    expect(dueBetween(times, 0, 95)).toEqual({ from: 0, to: 10 });
    expect(dueBetween(times, 10, 95)).toEqual({ from: 10, to: 10 });
    expect(dueBetween(times, 10, 10_000)).toEqual({ from: 10, to: 100 });
  });

  it('when the rate or duration is not positive, then nothing is scheduled', () => {
    expect(intendedTimes(0, 1_000)).toEqual([]);
    expect(intendedTimes(10, 0)).toEqual([]);
  });
});
