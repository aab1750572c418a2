import { ActorState } from '@bookstore/runtime';
import { anyHolds, dropHolds, dueHolds, HoldChunk, HoldIndex, NO_HOLDS, placeHold } from '../../domain/holds';

const INDEX = 'holds';
const chunkKey = (chunkNo: number): string => `holds:${chunkNo}`;
/** Chunks one settle walk reads at most (one bulk read each page). */
const WALK_PAGE = 16;
const WALK_PAGES = 4;

/**
 * A book's holds in its actor state: the index key and one key per chunk (domain/holds.ts).
 * Every change is a pending write of the turn under way, committed with the rest of it.
 */
export class HoldLedger {
  constructor(private readonly state: ActorState) {}

  async index(): Promise<HoldIndex> {
    return (await this.state.get<HoldIndex>(INDEX)) ?? NO_HOLDS;
  }

  /** Whether the settle reminder is still needed. */
  async any(): Promise<boolean> {
    const index = await this.index();
    return anyHolds(index, (await this.state.get<HoldChunk>(chunkKey(index.newest))) ?? []);
  }

  /** The index is written only when it changed: one statement less in most turns. */
  private async setIndex(next: HoldIndex): Promise<void> {
    const current = await this.index();
    if (current.oldest !== next.oldest || current.newest !== next.newest) this.state.set(INDEX, next);
  }

  /** Records new holds; answers the chunk each went to. */
  async place(holds: Array<{ orderId: string; heldAt: number }>): Promise<number[]> {
    if (holds.length === 0) return [];
    let index = await this.index();
    let chunk = (await this.state.get<HoldChunk>(chunkKey(index.newest))) ?? [];
    const placedIn: number[] = [];
    for (const { orderId, heldAt } of holds) {
      const placed = placeHold(index, chunk, orderId, heldAt);
      if (placed.chunkNo !== index.newest) this.state.set(chunkKey(index.newest), chunk);
      ({ index, chunk } = placed);
      placedIn.push(placed.chunkNo);
    }
    this.state.set(chunkKey(index.newest), chunk);
    await this.setIndex(index);
    return placedIn;
  }

  /** Removes settled holds, given the chunk each is listed in. */
  async drop(holds: Array<{ orderId: string; chunkNo: number }>): Promise<void> {
    if (holds.length === 0) return;
    const byChunk = new Map<number, Set<string>>();
    for (const { orderId, chunkNo } of holds) byChunk.set(chunkNo, (byChunk.get(chunkNo) ?? new Set()).add(orderId));
    const chunks = await this.state.getMany<HoldChunk>([...byChunk.keys()].map(chunkKey));
    let index = await this.index();
    for (const [chunkNo, orderIds] of [...byChunk].sort(([a], [b]) => a - b)) {
      const chunk = chunks.get(chunkKey(chunkNo));
      if (!chunk) continue;
      const dropped = dropHolds(index, chunkNo, chunk, orderIds);
      index = dropped.index;
      if (dropped.chunk) this.state.set(chunkKey(chunkNo), dropped.chunk);
      else this.state.delete(chunkKey(chunkNo));
    }
    await this.setIndex(index);
  }

  /** Holds past their grace, oldest first, at most `max`, reading a bounded number of chunks. */
  async due(now: number, graceMs: number, max: number): Promise<string[]> {
    const index = await this.index();
    if (!(await this.any())) return [];
    const read: Array<[number, HoldChunk | undefined]> = [];
    for (let page = 0, from = index.oldest; page < WALK_PAGES && from <= index.newest; page++, from += WALK_PAGE) {
      const numbers = Array.from({ length: Math.min(WALK_PAGE, index.newest - from + 1) }, (_, i) => from + i);
      const chunks = await this.state.getMany<HoldChunk>(numbers.map(chunkKey));
      read.push(...numbers.map((n): [number, HoldChunk | undefined] => [n, chunks.get(chunkKey(n))]));
      const walk = dueHolds(read, now, graceMs, max);
      if (walk.due.length >= max || read.some(([, c]) => c?.some(([, heldAt]) => now - heldAt < graceMs))) break;
    }
    const walk = dueHolds(read, now, graceMs, max);
    // Chunks below the first that holds anything are gone: start there next time.
    if (walk.oldest > index.oldest) await this.setIndex({ ...index, oldest: Math.min(walk.oldest, index.newest) });
    return walk.due;
  }
}
