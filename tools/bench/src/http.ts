import { Dispatcher, Pool } from 'undici';

export interface Call {
  method: Dispatcher.HttpMethod;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Answer {
  /** HTTP status; 0 when no answer came (connection error or the client's timeout). */
  status: number;
  body: unknown;
  error?: string;
}

/** A keep-alive connection pool to one origin, JSON in and out. */
export class Client {
  readonly pool: Pool;

  constructor(
    origin: string,
    connections: number,
    private readonly timeoutMs = 30_000,
  ) {
    this.pool = new Pool(origin, {
      connections,
      pipelining: 1,
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connectTimeout: timeoutMs,
    });
  }

  async send(call: Call): Promise<Answer> {
    const headers: Record<string, string> = { ...call.headers };
    let body: string | undefined;
    if (call.body !== undefined) {
      body = JSON.stringify(call.body);
      headers['content-type'] ??= 'application/json';
    }
    try {
      const response = await this.pool.request({
        origin: undefined,
        method: call.method,
        path: call.path,
        headers,
        body,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const text = await response.body.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: kept as text
      }
      return { status: response.statusCode, body: parsed };
    } catch (error) {
      return { status: 0, body: undefined, error: error instanceof Error ? ((error as { code?: string }).code ?? error.message) : String(error) };
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
