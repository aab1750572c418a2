import { appFigures, gatewayStatus, renderStatus, Sample, sleep, StatusAnswer, StatusSource } from '@bookstore/stack';

/** How often the operator's view is read during the load: npm run status's own interval. */
const EVERY_MS = 2_000;

/** What `npm run status` showed during a scenario, read the way it reads it (GET /admin/status as the admin). */
export interface StatusViewFigures {
  /** Answers read during the load (the first before it, the last after the drain). */
  frames: number;
  /** Reads that failed (a timeout, a non-200). */
  failedReads: number;
  /** The highest order request rate and subscriber lag one frame showed during the load. */
  peakOrderRequestsPerSecond: number;
  peakLag: number;
  /** Orders order's own counter (POST /orders answered 201) counted from before the load to after the drain; null when another instance answered. */
  ordersCounted: number | null;
  /** The busiest frame, as the terminal shows it. */
  busiestFrame: string;
}

const ordersOf = (figures: Sample[]): number =>
  figures
    .filter(
      (s) => s.name === 'bookstore_http_requests_total' && s.labels.method === 'POST' && s.labels.route === '/orders' && String(s.labels.status) === '201',
    )
    .reduce((sum, s) => sum + s.value, 0);

const orderOf = (answer: StatusAnswer) => answer.services.find((s) => s.name === 'order');

/**
 * Reads the operator's view beside the load, every 2 s, as `npm run status` does: proof that
 * it shows live figures under load, and a cross-check of order's counter against the bench's.
 */
export class StatusView {
  private readonly source: StatusSource;
  private readonly answers: StatusAnswer[] = [];
  private failedReads = 0;
  private loop: Promise<void> | undefined;
  private running = false;

  constructor(gatewayUrl: string, adminPassword: string) {
    this.source = gatewayStatus(gatewayUrl, adminPassword);
  }

  async start(): Promise<void> {
    await this.read();
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await sleep(EVERY_MS);
        if (this.running) await this.read();
      }
    })();
  }

  /** Ends the reads of the load. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** One more read (after the drain), then the figures. */
  async finish(): Promise<StatusViewFigures> {
    await this.read();
    const frames = this.answers.slice(1).map((after, i) => ({ before: this.answers[i]!, after }));
    let peakOrderRequestsPerSecond = 0;
    let peakLag = 0;
    let busiestFrame = '';
    for (const { before, after } of frames) {
      const [was, is] = [orderOf(before), orderOf(after)];
      const seconds = (Date.parse(after.at) - Date.parse(before.at)) / 1000;
      const rate = was && is && was.instance === is.instance ? appFigures(was.figures, is.figures, seconds).requestsPerSecond : 0;
      peakLag = Math.max(peakLag, ...after.lags.map((l) => l.lag + l.pending));
      if (rate >= peakOrderRequestsPerSecond) {
        peakOrderRequestsPerSecond = rate;
        busiestFrame = renderStatus(before, after);
      }
    }
    const [first, last] = [this.answers[0], this.answers.at(-1)];
    const [was, is] = [first && orderOf(first), last && orderOf(last)];
    const ordersCounted = was && is && was.instance === is.instance ? ordersOf(is.figures) - ordersOf(was.figures) : null;
    return { frames: this.answers.length, failedReads: this.failedReads, peakOrderRequestsPerSecond, peakLag, ordersCounted, busiestFrame };
  }

  private async read(): Promise<void> {
    try {
      this.answers.push(await this.source.read());
    } catch {
      this.failedReads += 1;
    }
  }
}
