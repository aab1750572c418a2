/**
 * Who is calling, as an app's edge established it from a bearer token: a pure description,
 * given by the app (its contracts name the headers, roles and token audience), used by the
 * runtime's Callers (services) and its token issuer and verifier.
 */
export interface IdentityScheme<R extends string = string> {
  /** Headers the edge strips from every incoming request and sets itself: behind it they can be trusted. */
  idHeader: string;
  roleHeader: string;
  roles: readonly R[];
  /** The role that may read what belongs to anyone and must name whom it acts for. */
  superRole: R;
  /** Tokens name whom they are from and for: one app's token is never another's. */
  issuer: string;
  audience: string;
}

export interface Caller<R extends string = string> {
  role: R;
  id: string;
}
