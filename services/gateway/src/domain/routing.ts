import { ID_PATTERN } from '@bookstore/runtime/schema';
import { Access, APPS, AppId, OPERATIONS, Role } from '@bookstore/contracts';

/**
 * The public API (API.md), one row per method and path: the gateway forwards these and
 * nothing else. `{name}` is a path parameter, an id; `query` lists the parameters the
 * service reads (others are dropped, not forwarded). Made from the contracts' OPERATIONS,
 * which the OpenAPI document is made from too.
 */
export interface PublicRoute {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  /** The service that answers, or the gateway itself (its health routes and API description). */
  owner: AppId | 'gateway';
  query: readonly string[];
  /** Password checks: the login throttle counts these. */
  login?: true;
  /** Server-sent events, passed through as they come (adapters/inbound/live-route.ts). */
  stream?: true;
  /** The roles that may call it (none: anyone); the services check them, the gateway too for streams. */
  roles: readonly Role[];
}

const ROLES: Record<Access, readonly Role[]> = { public: [], customer: ['customer'], admin: ['admin'], 'customer or admin': ['customer', 'admin'] };

export const PUBLIC_ROUTES: readonly PublicRoute[] = OPERATIONS.map(({ method, path, owner, query, login, stream, access }) => ({
  method,
  path,
  owner,
  query: query ? Object.keys(query.shape) : [],
  roles: ROLES[access],
  ...(login ? { login } : {}),
  ...(stream ? { stream } : {}),
}));

/** The services behind the gateway, for readiness reports. */
export const UPSTREAMS: AppId[] = [APPS.book, APPS.customer, APPS.order, APPS.delivery, APPS.customercenter];

/** API.md's id format (as the runtime's `idField`): what a path parameter may be. */
const ID = ID_PATTERN;

export type RouteMatch =
  | {
      kind: 'route';
      route: PublicRoute;
      /** Rebuilt from the table and the validated parameters, each segment encoded. */
      upstreamPath: string;
    }
  | { kind: 'bad-id'; parameter: string }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

type Pattern = Array<{ literal: string } | { parameter: string }>;

const patternOf = (path: string): Pattern =>
  path
    .slice(1)
    .split('/')
    .map((part) => (part.startsWith('{') ? { parameter: part.slice(1, -1) } : { literal: part }));

const COMPILED = PUBLIC_ROUTES.map((route) => ({ route, pattern: patternOf(route.path) }));

function fits(pattern: Pattern, segments: string[]): boolean {
  return pattern.length === segments.length && pattern.every((part, i) => !('literal' in part) || part.literal === segments[i]);
}

/** How many literal segments: `/books/reStock` is preferred to `/books/{bookId}`. */
const literals = (pattern: Pattern): number => pattern.filter((part) => 'literal' in part).length;

/**
 * The public route for a method and decoded path segments. Literals match exactly (case
 * included: `/auth/LOGIN` is no route); a path of a route asked with another method is 405.
 */
export function matchRoute(method: string, segments: string[]): RouteMatch {
  const fitting = COMPILED.filter(({ pattern }) => fits(pattern, segments));
  if (fitting.length === 0) return { kind: 'not-found' };
  const wanted = method === 'HEAD' ? 'GET' : method;
  const chosen = fitting.filter(({ route }) => route.method === wanted).sort((a, b) => literals(b.pattern) - literals(a.pattern))[0];
  if (!chosen) return { kind: 'method-not-allowed', allow: [...new Set(fitting.map(({ route }) => route.method))].sort() };
  const parts: string[] = [];
  for (const [i, part] of chosen.pattern.entries()) {
    const segment = segments[i]!;
    if ('parameter' in part && !ID.test(segment)) return { kind: 'bad-id', parameter: part.parameter };
    parts.push(encodeURIComponent('literal' in part ? part.literal : segment));
  }
  return { kind: 'route', route: chosen.route, upstreamPath: `/${parts.join('/')}` };
}

/** The query to forward: the route's own parameters only, re-encoded. */
export function upstreamQuery(route: PublicRoute, query: Array<[string, string]>): string {
  const kept = query.filter(([name]) => route.query.includes(name));
  return kept.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
}
