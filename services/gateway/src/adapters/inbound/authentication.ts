import { Request } from 'express';
import { problem, ProblemError, TokenVerifier } from '@bookstore/runtime';
import { Caller, CALLER_ID_HEADER, CALLER_ROLE_HEADER, Role } from '@bookstore/contracts';

/**
 * The caller a request's bearer token names, if the token is valid. A missing or invalid
 * token makes the request anonymous: public routes answer it, protected ones answer 401
 * (each service knows which of its routes are protected).
 */
export async function authenticate(req: Request, tokens: TokenVerifier<Role>): Promise<Caller | undefined> {
  const header = req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? tokens.verify(match[1]!) : undefined;
}

/** The only way identity reaches a service: set here, never copied from the client. */
export function callerHeaders(caller: Caller | undefined): Record<string, string> {
  return caller ? { [CALLER_ID_HEADER]: caller.id, [CALLER_ROLE_HEADER]: caller.role } : {};
}

/**
 * The caller of a route the gateway answers itself (or streams), who must hold one of
 * `roles`: 401 without a valid token, 403 with another role, as the services answer.
 */
export async function requireRole(req: Request, tokens: TokenVerifier<Role>, roles: readonly Role[]): Promise<Caller> {
  const caller = await authenticate(req, tokens);
  if (!caller) throw new ProblemError(problem(401, 'unauthenticated', 'A valid bearer token is needed.'), { 'WWW-Authenticate': 'Bearer' });
  if (!roles.includes(caller.role)) throw new ProblemError(problem(403, 'forbidden', `This needs the role ${roles.join(' or ')}.`));
  return caller;
}
