/**
 * Calls made one group at a time: while one group's call is under way, the requests that
 * come meanwhile wait and then go together, at most `maxGroup` at once. A lone request goes
 * at once, so nothing waits on a timer; under load a sidecar round trip is paid once per
 * group instead of once per request. `send` answers one settlement per item, in order.
 */
export class Grouped<T, R> {
  private waiting: Array<{ item: T; resolve(value: R): void; reject(reason: unknown): void }> = [];
  private busy = false;

  constructor(
    private readonly send: (items: T[]) => Promise<Array<PromiseSettledResult<R>>>,
    private readonly maxGroup: number,
  ) {}

  call(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.busy || this.waiting.length === 0) return;
    const group = this.waiting.splice(0, this.maxGroup);
    this.busy = true;
    this.send(group.map((g) => g.item))
      .then(
        (results) =>
          group.forEach((g, i) => {
            const result = results[i];
            if (result?.status === 'fulfilled') g.resolve(result.value);
            else g.reject(result ? result.reason : new Error('no result for this item'));
          }),
        (error: unknown) => group.forEach((g) => g.reject(error)),
      )
      .finally(() => {
        this.busy = false;
        this.pump();
      });
  }
}
