/**
 * A book's unsettled holds (copies taken for orders not yet known to be placed), kept so that
 * no turn costs more as the backlog grows: holds go in chunks of at most HOLD_CHUNK_SIZE, in
 * the order they were taken, numbered `oldest..newest`; a turn rewrites only the chunks it
 * touches. A chunk emptied by confirmations is dropped (the newest stays, to be filled).
 * The index is a fixed-size record, rewritten only when a chunk opens or the oldest goes
 * (each key a turn writes is one more statement in its transaction).
 */
export const HOLD_CHUNK_SIZE = 64;

/** Chunks below `oldest` are known to be empty (some between it and `newest` may be too). */
export interface HoldIndex {
  oldest: number;
  newest: number;
}

/** Holds in the order taken: [orderId, heldAt epoch ms]. */
export type HoldChunk = Array<[string, number]>;

export const NO_HOLDS: HoldIndex = { oldest: 0, newest: 0 };

/** A new hold goes to the newest chunk, or to a fresh one after it when that one is full. */
export function placeHold(index: HoldIndex, newest: HoldChunk, orderId: string, heldAt: number): { index: HoldIndex; chunkNo: number; chunk: HoldChunk } {
  if (newest.length < HOLD_CHUNK_SIZE) {
    return { index, chunkNo: index.newest, chunk: [...newest, [orderId, heldAt]] };
  }
  const chunkNo = index.newest + 1;
  return { index: { ...index, newest: chunkNo }, chunkNo, chunk: [[orderId, heldAt]] };
}

/**
 * Removes settled holds from one chunk. `chunk` undefined in the answer: drop the chunk (it
 * is empty and not the newest). An emptied oldest chunk moves `oldest` past it.
 */
export function dropHolds(
  index: HoldIndex,
  chunkNo: number,
  chunk: HoldChunk,
  orderIds: ReadonlySet<string>,
): { index: HoldIndex; chunk: HoldChunk | undefined } {
  const kept = chunk.filter(([orderId]) => !orderIds.has(orderId));
  if (kept.length > 0 || chunkNo === index.newest) return { index, chunk: kept };
  return { index: chunkNo === index.oldest ? { ...index, oldest: chunkNo + 1 } : index, chunk: undefined };
}

/** Whether any hold may remain: the newest chunk holds some, or older chunks are not all known to be gone. */
export function anyHolds(index: HoldIndex, newest: HoldChunk): boolean {
  return index.oldest < index.newest || newest.length > 0;
}

export interface DueHolds {
  /** Holds past their grace, oldest first, at most `max`. */
  due: string[];
  /** The first chunk read that still holds anything (or the last read): the new `oldest`. */
  oldest: number;
}

/**
 * Holds old enough to settle (their order's placement has had its whole time budget), from
 * chunks read in order starting at `oldest` (undefined: no such chunk any more). Holds are in
 * the order taken, so the walk stops at the first one not yet due.
 */
export function dueHolds(chunks: Array<[number, HoldChunk | undefined]>, now: number, graceMs: number, max: number): DueHolds {
  const due: string[] = [];
  let oldest: number | undefined;
  for (const [chunkNo, chunk] of chunks) {
    if (!chunk || chunk.length === 0) continue;
    oldest ??= chunkNo;
    for (const [orderId, heldAt] of chunk) {
      if (now - heldAt < graceMs || due.length >= max) return { due, oldest };
      due.push(orderId);
    }
  }
  return { due, oldest: oldest ?? chunks[chunks.length - 1]?.[0] ?? 0 };
}
