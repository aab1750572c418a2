/**
 * Splits a batch into groups of one key each, at most `max` items a group, in arrival order:
 * how a bulk delivery becomes one actor turn per customer or book (a bounded turn each).
 * Answers each group's key and the indices of its items in `items`, so outcomes can be
 * mapped back to the entries they answer.
 */
export function groupsByKey<T>(items: readonly T[], keyOf: (item: T) => string, max: number): Array<{ key: string; indices: number[] }> {
  const groups: Array<{ key: string; indices: number[] }> = [];
  const open = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    let indices = open.get(key);
    if (!indices || indices.length >= max) {
      indices = [];
      open.set(key, indices);
      groups.push({ key, indices });
    }
    indices.push(index);
  });
  return groups;
}
