import { Request } from 'express';
import { Caller, CALLER_ID_HEADER, CALLER_ROLE_HEADER, Role } from '../contracts/caller';
import { ID_PATTERN } from '../contracts/fields';
import { problem, ProblemError } from '../problem';

/** The caller the gateway vouched for, or none (a public route, or no token). */
export function callerOf(req: Request): Caller | undefined {
  const id = req.header(CALLER_ID_HEADER);
  const role = req.header(CALLER_ROLE_HEADER);
  // Only the gateway sets these (and only its sidecar can reach us), but a malformed one is
  // treated as no caller rather than carried into keys and queries.
  if (!id || !ID_PATTERN.test(id) || (role !== 'admin' && role !== 'customer')) return undefined;
  return { role, id };
}

/** The caller, who must hold one of `roles`: else 401 (nobody) or 403 (wrong role). */
export function requireCaller(req: Request, ...roles: Role[]): Caller {
  const caller = callerOf(req);
  if (!caller) throw new ProblemError(problem(401, 'unauthenticated', 'A valid bearer token is needed.'), { 'WWW-Authenticate': 'Bearer' });
  if (roles.length > 0 && !roles.includes(caller.role)) {
    throw new ProblemError(problem(403, 'forbidden', `This needs the role ${roles.join(' or ')}.`));
  }
  return caller;
}

/** Whether the caller may see what belongs to `ownerId`: its owner, or an admin. */
export function mayRead(caller: Caller, ownerId: string): boolean {
  return caller.role === 'admin' || caller.id === ownerId;
}

/**
 * The customer a request acts for: the caller itself; an admin must name one. A body
 * `customerId` that is not the caller's own is 403 (API.md: acting for someone else).
 */
export function actingCustomer(caller: Caller, requested: string | undefined): string {
  if (caller.role === 'customer') {
    if (requested !== undefined && requested !== caller.id) {
      throw new ProblemError(problem(403, 'forbidden', 'You can only act for yourself.'));
    }
    return caller.id;
  }
  if (requested === undefined) throw new ProblemError(problem(400, 'validation', 'An admin must name the customerId.', { errors: [{ path: 'customerId', message: 'required' }] }));
  return requested;
}

/** 404 for what the caller may not see: whether it exists does not leak. */
export function notFound(what: string): ProblemError {
  return new ProblemError(problem(404, 'not-found', `${what} was not found.`));
}
