import { AppId, PROBLEM_BASE, PROBLEM_CONTENT_TYPE, Sidecar, SidecarError } from '@bookstore/runtime';

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

/** Services behind the gateway, reached through Dapr service invocation. */
export class Upstreams {
  constructor(
    private readonly sidecar: Sidecar,
    private readonly timeoutMs: number,
  ) {}

  async forward(app: AppId, request: UpstreamRequest): Promise<UpstreamAnswer> {
    try {
      const response = await this.sidecar.invoke(app, request.method, request.pathAndQuery, {
        ...(request.body && request.body.length > 0 ? { body: request.body, contentType: request.headers['content-type'] ?? 'application/json' } : {}),
        headers: request.headers,
        timeoutMs: this.timeoutMs,
      });
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

  async isReady(app: AppId): Promise<boolean> {
    try {
      const response = await this.sidecar.invoke(app, 'GET', 'readyz', { timeoutMs: 2_000 });
      return response.status === 200;
    } catch {
      return false;
    }
  }
}
