import { Readable } from 'node:stream';
import { Pool } from 'undici';
import { traceHeaders } from '../trace';

/** A call to the sidecar that did not succeed: the sidecar's own error, a non-2xx answer, or no answer. */
export class SidecarError extends Error {
  constructor(
    message: string,
    /** HTTP status from the sidecar; 0 when there was no answer (refused, reset, timed out). */
    readonly status: number,
    /** Dapr's error code (ERR_...), or TIMEOUT / UNREACHABLE when there was no answer. */
    readonly code: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'SidecarError';
  }

  /** True when the callee may never have seen the call, or saw it and we lost the answer. */
  get unavailable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

export interface SidecarOptions {
  host?: string;
  httpPort: number;
  /** Default budget of one call; each call may set its own. */
  timeoutMs?: number;
  /** Dapr API token (DAPR_API_TOKEN), sent as `dapr-api-token` when set. */
  apiToken?: string;
}

/** Response headers, looked up by (case-insensitive) name. */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface SidecarResponse {
  status: number;
  headers: ResponseHeaders;
  body: string;
}

/** A streamed answer: its head, and its body as it comes. */
export interface SidecarStream {
  status: number;
  headers: ResponseHeaders;
  body: Readable;
}

function headersOf(raw: Record<string, string | string[] | undefined>): ResponseHeaders {
  return {
    get: (name) => {
      const value = raw[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** undici's error codes for "no answer in time" (headers or body) and for an aborted call. */
const TIMED_OUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_ABORTED']);

export interface RequestOptions {
  body?: unknown;
  /** Sent as is when a string or Buffer; JSON-encoded otherwise. */
  contentType?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Aborts the call early (a caller's own budget, such as a cockatiel timeout). */
  signal?: AbortSignal;
}

export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  datacontenttype: 'application/json';
  time: string;
  data: T;
}

/** first-write: an ETag must match (or, without one, the key must not exist yet). */
export interface StateOptions {
  concurrency: 'first-write' | 'last-write';
}

export type StateOperation =
  | { operation: 'upsert'; request: { key: string; value: unknown; etag?: string; metadata?: Record<string, string>; options?: StateOptions } }
  | { operation: 'delete'; request: { key: string; etag?: string; options?: StateOptions } };

export interface ReminderOptions {
  dueTime: string;
  period?: string;
  ttl?: string;
  data?: unknown;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorCodeOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'errorCode' in body) {
    return String((body as { errorCode: unknown }).errorCode);
  }
  return 'ERR_HTTP';
}

/**
 * The Dapr sidecar's HTTP API, over a pool of keep-alive connections (undici), so each call
 * is one round trip on loopback. Every call carries the current trace and has a time budget.
 *
 * Why not `fetch`: measured against a sidecar on this machine (10 calls in flight),
 * fetch with `AbortSignal.timeout` cost 208 µs of client CPU per call (the signal's timer
 * and DOMException machinery showed up in every app's profile), plain fetch 101 µs, and
 * undici's `Pool.request` with its own header and body timeouts 49 µs.
 */
export class Sidecar {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly apiToken: string | undefined;
  private readonly pool: Pool;
  private streams: Pool | undefined;

  constructor(options: SidecarOptions) {
    this.baseUrl = `http://${options.host ?? '127.0.0.1'}:${options.httpPort}`;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.apiToken = options.apiToken;
    this.pool = new Pool(this.baseUrl, { connections: 64, keepAliveTimeout: 30_000 });
  }

  /** Closes the pool's connections (a service that stops). */
  async close(): Promise<void> {
    await Promise.all([this.pool.close(), this.streams?.destroy()]);
  }

  /** A raw call: answers whatever status the sidecar gives, throws only when there is no answer. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<SidecarResponse> {
    const headers: Record<string, string> = { ...traceHeaders(), ...options.headers };
    if (this.apiToken) headers['dapr-api-token'] = this.apiToken;
    let body: string | Buffer | undefined;
    if (options.body !== undefined) {
      const raw = typeof options.body === 'string' || Buffer.isBuffer(options.body);
      body = raw ? (options.body as string | Buffer) : JSON.stringify(options.body);
      headers['content-type'] = options.contentType ?? 'application/json';
    }
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    try {
      const response = await this.pool.request({
        method: method as 'GET',
        path,
        headers,
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: headersOf(response.headers), body: text };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const timedOut = (typeof code === 'string' && TIMED_OUT.has(code)) || (error instanceof Error && error.name === 'AbortError');
      throw new SidecarError(
        timedOut ? `sidecar call ${method} ${path} timed out after ${timeoutMs} ms` : `sidecar unreachable: ${String(error)}`,
        0,
        timedOut ? 'TIMEOUT' : 'UNREACHABLE',
      );
    }
  }

  /**
   * Service invocation whose answer is a stream (server-sent events: Dapr streams a call
   * that accepts `text/event-stream`). The answer's head must come within the budget; its
   * body may last, until it ends or `signal` aborts it. A pool of its own: streams never
   * hold the connections that calls are made on.
   */
  async invokeStream(
    appId: string,
    path: string,
    options: { headers: Record<string, string>; signal: AbortSignal; timeoutMs?: number },
  ): Promise<SidecarStream> {
    const headers: Record<string, string> = { ...traceHeaders(), ...options.headers, accept: 'text/event-stream' };
    if (this.apiToken) headers['dapr-api-token'] = this.apiToken;
    this.streams ??= new Pool(this.baseUrl, { keepAliveTimeout: 30_000 });
    try {
      const response = await this.streams.request({
        method: 'GET',
        path: `/v1.0/invoke/${appId}/method/${path.replace(/^\//, '')}`,
        headers,
        headersTimeout: options.timeoutMs ?? this.timeoutMs,
        bodyTimeout: 0,
        signal: options.signal,
      });
      return { status: response.statusCode, headers: headersOf(response.headers), body: response.body };
    } catch (error) {
      throw new SidecarError(`sidecar stream ${appId} ${path} failed: ${String(error)}`, 0, 'UNREACHABLE');
    }
  }

  /** A call that must succeed: the parsed JSON body of a 2xx answer, or a SidecarError. */
  async call<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.request(method, path, options);
    const parsed = parseJson(response.body);
    if (response.status >= 200 && response.status < 300) return parsed as T;
    const message = typeof parsed === 'object' && parsed && 'message' in parsed ? String(parsed.message) : response.body;
    throw new SidecarError(`${method} ${path}: ${response.status} ${message}`, response.status, errorCodeOf(parsed), parsed);
  }

  // ---- health ----

  /** The sidecar is up, its components are loaded and it can reach this app. */
  async isReady(timeoutMs = 2_000): Promise<boolean> {
    try {
      return (await this.request('GET', '/v1.0/healthz', { timeoutMs })).status === 204;
    } catch {
      return false;
    }
  }

  /** Waits until the sidecar can serve this app's outbound calls (it need not see the app yet). */
  async waitForOutbound(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        if ((await this.request('GET', '/v1.0/healthz/outbound', { timeoutMs: 1_000 })).status === 204) return;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error(`sidecar at ${this.baseUrl} not ready after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  // ---- state ----

  /** A value with its ETag, for a later compare-and-set. */
  async getVersionedState<T>(store: string, key: string): Promise<{ value: T; etag: string } | undefined> {
    const response = await this.request('GET', `/v1.0/state/${store}/${encodeURIComponent(key)}`);
    if (response.status === 204 || (response.status === 200 && response.body === '')) return undefined;
    if (response.status !== 200) {
      throw new SidecarError(`get state ${store}/${key}: ${response.status}`, response.status, errorCodeOf(parseJson(response.body)));
    }
    return { value: parseJson(response.body) as T, etag: response.headers.get('etag') ?? '' };
  }

  /** Several keys in one call; a key that holds nothing is absent from the answer. */
  async getBulkState<T>(store: string, keys: string[]): Promise<Map<string, { value: T; etag: string }>> {
    const found = new Map<string, { value: T; etag: string }>();
    if (keys.length === 0) return found;
    const answer = await this.call<Array<{ key: string; data?: T; etag?: string; error?: string }>>('POST', `/v1.0/state/${store}/bulk`, { body: { keys } });
    for (const item of answer ?? []) {
      if (item.error) throw new SidecarError(`bulk get state ${store}/${item.key}: ${item.error}`, 500, 'ERR_STATE_BULK_GET');
      if (item.data !== undefined && item.data !== null) found.set(item.key, { value: item.data, etag: item.etag ?? '' });
    }
    return found;
  }

  /** All operations commit together or none does (the store must support transactions). */
  async transact(store: string, operations: StateOperation[]): Promise<void> {
    await this.call('POST', `/v1.0/state/${store}/transaction`, { body: { operations } });
  }

  // ---- pub/sub ----

  /** Publishes a CloudEvent as is, so its id (our event id) reaches subscribers for dedupe. */
  async publish(pubsub: string, topic: string, event: CloudEvent): Promise<void> {
    await this.call('POST', `/v1.0/publish/${pubsub}/${encodeURIComponent(topic)}`, {
      body: event,
      contentType: 'application/cloudevents+json',
    });
  }

  /**
   * Publishes several events to one topic in one call (Dapr's bulk publish). Answers the ids
   * of the events the broker did not take, so the caller can keep them for a resend.
   */
  async publishBulk(pubsub: string, topic: string, events: CloudEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const response = await this.request('POST', `/v1.0/publish/bulk/${pubsub}/${encodeURIComponent(topic)}`, {
      body: events.map((event) => ({ entryId: event.id, event, contentType: 'application/cloudevents+json' })),
    });
    if (response.status === 200 || response.status === 204) return [];
    const parsed = parseJson(response.body) as { failedEntries?: Array<{ entryId: string }> } | undefined;
    // Some entries failed (500 with failedEntries); anything else failed as a whole.
    if (parsed?.failedEntries && parsed.failedEntries.length > 0) return parsed.failedEntries.map((e) => e.entryId);
    throw new SidecarError(`bulk publish ${topic}: ${response.status} ${response.body.slice(0, 200)}`, response.status, errorCodeOf(parsed), parsed);
  }

  // ---- actors ----

  async invokeActor<T>(type: string, id: string, method: string, body: unknown, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<T> {
    return this.call<T>('PUT', `/v1.0/actors/${type}/${encodeURIComponent(id)}/method/${method}`, { body: body ?? {}, ...options });
  }

  async setReminder(type: string, id: string, name: string, options: ReminderOptions): Promise<void> {
    await this.call('POST', `/v1.0/actors/${type}/${encodeURIComponent(id)}/reminders/${name}`, { body: options });
  }

  async deleteReminder(type: string, id: string, name: string): Promise<void> {
    await this.call('DELETE', `/v1.0/actors/${type}/${encodeURIComponent(id)}/reminders/${name}`);
  }

  // ---- service invocation, secrets, bindings ----

  /** Calls another app through Dapr service invocation; answers whatever it answers. */
  async invoke(appId: string, method: string, path: string, options: RequestOptions = {}): Promise<SidecarResponse> {
    return this.request(method, `/v1.0/invoke/${appId}/method/${path.replace(/^\//, '')}`, options);
  }

  async getSecret(store: string, key: string): Promise<string | undefined> {
    const response = await this.request('GET', `/v1.0/secrets/${store}/${encodeURIComponent(key)}`);
    if (response.status !== 200) return undefined;
    const values = parseJson(response.body) as Record<string, string> | undefined;
    return values?.[key];
  }

  async invokeBinding(name: string, operation: string, data: unknown, metadata: Record<string, string> = {}): Promise<void> {
    await this.call('POST', `/v1.0/bindings/${name}`, { body: { operation, data, metadata } });
  }
}
