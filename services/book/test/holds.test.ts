import { anyHolds, dropHolds, dueHolds, HOLD_CHUNK_SIZE, HoldChunk, HoldIndex, NO_HOLDS, placeHold } from '../src/domain/holds';

/** Places `n` holds, as turns would, keeping every chunk. */
function place(n: number, heldAt = (i: number) => i): { index: HoldIndex; chunks: Map<number, HoldChunk> } {
  let index = NO_HOLDS;
  const chunks = new Map<number, HoldChunk>([[0, []]]);
  for (let i = 0; i < n; i++) {
    const placed = placeHold(index, chunks.get(index.newest) ?? [], `o${i}`, heldAt(i));
    index = placed.index;
    chunks.set(placed.chunkNo, placed.chunk);
  }
  return { index, chunks };
}

describe("a book's holds, in chunks of bounded size", () => {
  it('when holds are placed, then no chunk holds more than the chunk size, in the order taken', () => {
    const { index, chunks } = place(HOLD_CHUNK_SIZE * 3 + 1);
    expect(index).toEqual({ oldest: 0, newest: 3 });
    expect([...chunks.values()].map((c) => c.length)).toEqual([HOLD_CHUNK_SIZE, HOLD_CHUNK_SIZE, HOLD_CHUNK_SIZE, 1]);
    expect(chunks.get(1)![0]).toEqual([`o${HOLD_CHUNK_SIZE}`, HOLD_CHUNK_SIZE]);
  });

  it('when the 10,000th hold is placed, then it writes one chunk of bounded size, as the first did', () => {
    const { index, chunks } = place(10_000);
    const placed = placeHold(index, chunks.get(index.newest)!, 'next', 0);
    expect(placed.chunk.length).toBeLessThanOrEqual(HOLD_CHUNK_SIZE);
    expect(JSON.stringify(placed.chunk).length).toBeLessThan(HOLD_CHUNK_SIZE * 40);
  });

  it('when an old chunk is emptied, then it is dropped and the oldest moves past it; the newest is kept', () => {
    const { index, chunks } = place(HOLD_CHUNK_SIZE + 1);
    const all0 = new Set(chunks.get(0)!.map(([id]) => id));
    const first = dropHolds(index, 0, chunks.get(0)!, all0);
    expect(first.chunk).toBeUndefined();
    expect(first.index).toEqual({ oldest: 1, newest: 1 });
    const last = dropHolds(first.index, 1, chunks.get(1)!, new Set([`o${HOLD_CHUNK_SIZE}`]));
    expect(last).toEqual({ index: { oldest: 1, newest: 1 }, chunk: [] });
    expect(anyHolds(last.index, last.chunk!)).toBe(false);
    expect(anyHolds(first.index, chunks.get(1)!)).toBe(true);
  });

  it('when an order not in the chunk is dropped, then nothing changes', () => {
    const { index, chunks } = place(3);
    expect(dropHolds(index, 0, chunks.get(0)!, new Set(['other']))).toEqual({ index, chunk: chunks.get(0) });
  });

  it('when holds are younger than the grace period, then the walk stops at the first of them', () => {
    const { chunks } = place(HOLD_CHUNK_SIZE + 5, (i) => i * 100);
    const read: Array<[number, HoldChunk | undefined]> = [
      [0, chunks.get(0)],
      [1, chunks.get(1)],
    ];
    const now = 10_000;
    const result = dueHolds(read, now, now - 250, 1_000);
    expect(result).toEqual({ due: ['o0', 'o1', 'o2'], oldest: 0 });
  });

  it('when chunks were dropped, then the walk skips them and names the first chunk still holding anything', () => {
    const { chunks } = place(HOLD_CHUNK_SIZE * 2, () => 0);
    const result = dueHolds(
      [
        [0, undefined],
        [1, chunks.get(1)],
      ],
      1_000,
      10,
      2,
    );
    expect(result).toEqual({ due: [`o${HOLD_CHUNK_SIZE}`, `o${HOLD_CHUNK_SIZE + 1}`], oldest: 1 });
  });
});
