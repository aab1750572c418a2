import type { Caller as RuntimeCaller, IdentityScheme } from '@bookstore/runtime/schema';

/**
 * Who is calling, as the gateway established it from the bearer token. The gateway strips
 * these headers from every incoming request and sets them itself, so services behind it can
 * trust them (only the sidecar can reach a service's port).
 */
export type Role = 'admin' | 'customer';

export type Caller = RuntimeCaller<Role>;

/** The bookstore's identity: its headers, roles and token audience (the runtime's Callers and tokens take it). */
export const IDENTITY: IdentityScheme<Role> = {
  idHeader: 'x-bookstore-caller-id',
  roleHeader: 'x-bookstore-caller-role',
  roles: ['admin', 'customer'],
  superRole: 'admin',
  issuer: 'bookstore',
  audience: 'bookstore-api',
};

export const CALLER_ID_HEADER = IDENTITY.idHeader;
export const CALLER_ROLE_HEADER = IDENTITY.roleHeader;

/** The local administrator's account (API.md); its password comes from the secret store. */
export const ADMIN_EMAIL = 'admin@bookstore.local';
export const ADMIN_ID = 'admin';

/**
 * Secret store and the secrets in it (components/secretstore.yaml). The names are valid
 * Kubernetes object names (lowercase, dashes): on Kubernetes each is a Secret of that name
 * holding one key of the same name, which is what the kubernetes secret store answers.
 */
export const SECRET_STORE = 'secretstore';
export const SECRETS = {
  jwtSigningKey: 'jwt-signing-key',
  /** The key before the last rotation: optional, verification only (gateway). */
  jwtPreviousSigningKey: 'jwt-previous-signing-key',
  adminPassword: 'admin-password',
} as const;
