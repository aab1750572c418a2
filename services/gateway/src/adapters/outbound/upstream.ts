import { Readable } from 'node:stream';
import { OPS_STATUS_PATH, PROBLEM_CONTENT_TYPE, Sidecar, SidecarError } from '@bookstore/runtime';
import { AppId, PROBLEM_BASE } from '@bookstore/contracts';

export interface UpstreamRequest {
  method: string;
  /** Path and query rebuilt from a public route and validated parts; never the client's. */
  pathAndQuery: string;
  body?: Buffer;
  headers: Record<string, string>;
}

export type UpstreamAnswer =
  | { kind: 'answered'; status: number; headers: Record<string, string>; body: string }
  /** The service never answered: down, not ready, refused by Dapr, timed out. */
  | { kind: 'unavailable'; reason: string }
  /** The service failed without a problem of ours: its body is not passed on. */
  | { kind: 'broken'; reason: string };

/** Headers passed back to the client; the rest are the sidecar's business. */
const PASSED_BACK = ['content-type', 'retry-after', 'location'];

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** An error in Dapr's own shape (`{"errorCode": "ERR_…"}`): the sidecar speaking, not the service. */
function isDaprError(body: unknown): boolean {
  const code = (body as { errorCode?: unknown } | null)?.errorCode;
  return typeof code === 'string' && code.startsWith('ERR_');
}

/** One of our services' problem answers (runtime's `problem()`). */
function isOurProblem(contentType: string | null, body: unknown): boolean {
  const type = (body as { type?: unknown } | null)?.type;
  return (contentType ?? '').startsWith(PROBLEM_CONTENT_TYPE) && typeof type === 'string' && type.startsWith(PROBLEM_BASE);
}

/** What the client may see of an upstream answer: all of it, or only that it failed. */
export function judgeAnswer(status: number, contentType: string | null, body: string): 'pass' | 'unavailable' | 'broken' {
  const parsed = parse(body);
  // Dapr's errors (at any status: a 403 from access control, a 500 for no instance)
  // name its internals; the client hears only that the service is not available.
  if (isDaprError(parsed)) return 'unavailable';
  if (status >= 500 && !isOurProblem(contentType, parsed)) return 'broken';
  return 'pass';
}

/**
 * Dapr's words for a call that never reached the app: its target sidecar could not hand it
 * over (the app was not listening yet, or any more, or was marked unhealthy), or the target
 * sidecar itself refused the connection (a pod just stopped, still named by a cached DNS
 * answer), or no instance was known. Nothing was sent to the service, so sending it again is safe even for a POST;
 * name resolution may pick another instance (a replica starting or stopping is the case).
 */
const NEVER_REACHED_APP = [
  /app is not in a healthy state/,
  /error invoking app channel: .*connect: connection refused/,
  /Error while dialing: dial tcp [^ ]+: connect: connection refused/,
  // Name resolution knew no instance at that moment (locally: a sidecar's SQLite heartbeat late under load).
  /no host found with the given ID/,
];

/**
 * A call the service did not act on, so sending it again is safe even for a POST: the
 * sidecar could not hand it to the app (above), or the app refused it before any route
 * because a dependency of its own is down, or not yet known up (runtime service.ts answers
 * 503 service-unavailable only there, before any work).
 */
export function notHandled(status: number, contentType: string | null, body: string): boolean {
  if (status < 500) return false;
  const parsed = parse(body);
  if (isDaprError(parsed)) return NEVER_REACHED_APP.some((words) => words.test(body));
  return status === 503 && isOurProblem(contentType, parsed) && (parsed as { type: string }).type === `${PROBLEM_BASE}service-unavailable`;
}

/**
 * How many times a call the service did not act on is sent in all, and the pause before
 * the n-th resend (n × this): 2 s in all, the sidecars' app-probe interval, so that a
 * replica just started is seen healthy by its sidecar before the last try, whichever
 * instance name resolution picks each time. UPSTREAM_TIMEOUT_MS bounds the call and its resends together.
 */
const ATTEMPTS_WHEN_NOT_HANDLED = 5;
const RETRY_PAUSE_MS = 200;

/** Services behind the gateway, reached through Dapr service invocation. */
export class Upstreams {
  constructor(
    private readonly sidecar: Sidecar,
    private readonly timeoutMs: number,
  ) {}

  async forward(app: AppId, request: UpstreamRequest): Promise<UpstreamAnswer> {
    // One budget for the call and its resends: a client never waits longer than it.
    const deadline = Date.now() + this.timeoutMs;
    try {
      const send = () =>
        this.sidecar.invoke(app, request.method, request.pathAndQuery, {
          ...(request.body && request.body.length > 0 ? { body: request.body, contentType: request.headers['content-type'] ?? 'application/json' } : {}),
          headers: request.headers,
          timeoutMs: Math.max(1, deadline - Date.now()),
        });
      let response = await send();
      for (
        let attempt = 1;
        attempt < ATTEMPTS_WHEN_NOT_HANDLED &&
        deadline - Date.now() > RETRY_PAUSE_MS * attempt &&
        notHandled(response.status, response.headers.get('content-type'), response.body);
        attempt += 1
      ) {
        // A moment for a starting replica's sidecar or checks to catch up; name resolution may also pick another.
        await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS * attempt));
        response = await send();
      }
      const verdict = judgeAnswer(response.status, response.headers.get('content-type'), response.body);
      if (verdict !== 'pass') return { kind: verdict, reason: `${response.status} ${response.body.slice(0, 300)}` };
      const headers: Record<string, string> = {};
      for (const name of PASSED_BACK) {
        const value = response.headers.get(name);
        if (value) headers[name] = value;
      }
      return { kind: 'answered', status: response.status, headers, body: response.body };
    } catch (error) {
      if (error instanceof SidecarError) return { kind: 'unavailable', reason: error.message };
      throw error;
    }
  }

  /**
   * A streamed call (server-sent events): the open stream, or what the service answered
   * instead, judged as any answer is (a refusal of its passes on; Dapr's own words do not).
   */
  async stream(app: AppId, path: string, headers: Record<string, string>, signal: AbortSignal): Promise<UpstreamAnswer | { kind: 'stream'; body: Readable }> {
    try {
      const response = await this.sidecar.invokeStream(app, path, { headers, signal, timeoutMs: this.timeoutMs });
      if (response.status === 200 && (response.headers.get('content-type') ?? '').startsWith('text/event-stream'))
        return { kind: 'stream', body: response.body };
      const body = await response.body
        .setEncoding('utf8')
        .toArray()
        .then((chunks: string[]) => chunks.join(''));
      const verdict = judgeAnswer(response.status, response.headers.get('content-type'), body);
      if (verdict !== 'pass') return { kind: verdict, reason: `${response.status} ${body.slice(0, 300)}` };
      const passed: Record<string, string> = {};
      for (const name of PASSED_BACK) {
        const value = response.headers.get(name);
        if (value) passed[name] = value;
      }
      return { kind: 'answered', status: response.status, headers: passed, body };
    } catch (error) {
      if (error instanceof SidecarError) return { kind: 'unavailable', reason: error.message };
      throw error;
    }
  }

  /** A service's own view (runtime's OPS_STATUS_PATH): readiness and figures; not ready, with none, if it does not answer. */
  async opsStatus(app: AppId): Promise<{ name: AppId; instance: string; ready: boolean; figures: unknown[] }> {
    try {
      const response = await this.sidecar.invoke(app, 'GET', OPS_STATUS_PATH, { timeoutMs: 1_500 });
      const body = response.status === 200 ? (parse(response.body) as { instance?: unknown; ready?: unknown; figures?: unknown }) : undefined;
      return {
        name: app,
        instance: typeof body?.instance === 'string' ? body.instance : '',
        ready: body?.ready === true,
        figures: Array.isArray(body?.figures) ? body.figures : [],
      };
    } catch {
      return { name: app, instance: '', ready: false, figures: [] };
    }
  }

  async isReady(app: AppId): Promise<boolean> {
    try {
      const response = await this.sidecar.invoke(app, 'GET', 'readyz', { timeoutMs: 2_000 });
      return response.status === 200;
    } catch {
      return false;
    }
  }
}
