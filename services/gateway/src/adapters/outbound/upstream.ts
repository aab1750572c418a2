import { AppId, Sidecar, SidecarError } from '@bookstore/runtime';

export interface UpstreamRequest {
  method: string;
  /** Path and query, as the client sent them. */
  pathAndQuery: string;
  body?: Buffer;
  headers: Record<string, string>;
}

export type UpstreamAnswer =
  | { kind: 'answered'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'unavailable'; reason: string };

/** Headers passed back to the client; the rest are the sidecar's business. */
const PASSED_BACK = ['content-type', 'retry-after', 'location'];

function isDaprError(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { errorCode?: unknown };
    return typeof parsed.errorCode === 'string' && parsed.errorCode.startsWith('ERR_');
  } catch {
    return false;
  }
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
      // An error in Dapr's own shape means the sidecar could not reach the service (down,
      // not ready, no instance): the service never answered.
      if (response.status >= 500 && isDaprError(response.body)) {
        return { kind: 'unavailable', reason: response.body };
      }
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
