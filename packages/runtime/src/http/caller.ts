import { Request } from 'express';
import { ID_PATTERN } from '../schema/fields';
import { Caller, IdentityScheme } from '../schema/identity';
import { problem, ProblemError } from '../schema/problem';

/**
 * The caller an app's edge vouched for, read from the headers its identity scheme names
 * (only the edge sets them, and only its sidecar can reach a service's port).
 */
export class Callers<R extends string> {
  constructor(private readonly scheme: IdentityScheme<R>) {}

  /** The caller, or none (a public route, or no token). */
  callerOf(req: Request): Caller<R> | undefined {
    const id = req.header(this.scheme.idHeader);
    const role = req.header(this.scheme.roleHeader);
    // A malformed one is treated as no caller rather than carried into keys and queries.
    if (!id || !ID_PATTERN.test(id) || !this.scheme.roles.includes(role as R)) return undefined;
    return { role: role as R, id };
  }

  /** The caller, who must hold one of `roles`: else 401 (nobody) or 403 (wrong role). */
  requireCaller(req: Request, ...roles: R[]): Caller<R> {
    const caller = this.callerOf(req);
    if (!caller) throw new ProblemError(problem(401, 'unauthenticated', 'A valid bearer token is needed.'), { 'WWW-Authenticate': 'Bearer' });
    if (roles.length > 0 && !roles.includes(caller.role)) {
      throw new ProblemError(problem(403, 'forbidden', `This needs the role ${roles.join(' or ')}.`));
    }
    return caller;
  }

  /** Whether the caller may see what belongs to `ownerId`: its owner, or the super role. */
  mayRead(caller: Caller<R>, ownerId: string): boolean {
    return caller.role === this.scheme.superRole || caller.id === ownerId;
  }

  /**
   * Whom a request acts for: the caller itself; the super role must name one. A body
   * id that is not the caller's own is 403 (acting for someone else).
   */
  actingFor(caller: Caller<R>, requested: string | undefined, field: string): string {
    if (caller.role !== this.scheme.superRole) {
      if (requested !== undefined && requested !== caller.id) {
        throw new ProblemError(problem(403, 'forbidden', 'You can only act for yourself.'));
      }
      return caller.id;
    }
    if (requested === undefined)
      throw new ProblemError(
        problem(400, 'validation', `A ${this.scheme.superRole} must name the ${field}.`, { errors: [{ path: field, message: 'required' }] }),
      );
    return requested;
  }
}

/** 404 for what the caller may not see: whether it exists does not leak. */
export function notFound(what: string): ProblemError {
  return new ProblemError(problem(404, 'not-found', `${what} was not found.`));
}
