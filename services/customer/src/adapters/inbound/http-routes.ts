import { Express } from 'express';
import { Callers, idField, jsonBody, newId, notFound, parseOrThrow, problem, ProblemError, route } from '@bookstore/runtime';
import { IDENTITY, loginBody, signUpBody } from '@bookstore/contracts';
import { login, LoginDeps } from '../../domain/login';
import { signUp, SignUpDeps } from '../../domain/sign-up';

/** The caller the gateway vouched for (the bookstore's identity headers and roles). */
const callers = new Callers(IDENTITY);

export type CustomerRoutesDeps = SignUpDeps & LoginDeps;

export function customerRoutes(app: Express, deps: CustomerRoutesDeps): void {
  app.post(
    '/customers',
    jsonBody(),
    route(async (req, res) => {
      const input = parseOrThrow(signUpBody, req.body);
      const result = await signUp(deps, { customerId: newId(), ...input, registeredAt: new Date().toISOString() });
      if (result.kind === 'email-taken') throw new ProblemError(problem(409, 'email-taken', 'That email is already registered.'));
      const { customerId, name, email } = result.profile;
      res.status(201).json({ customerId, name, email, grade: 'BRONZE', mileage: 0, token: result.token });
    }),
  );

  app.get(
    '/customers/:customerId',
    route(async (req, res) => {
      const caller = callers.requireCaller(req);
      const customerId = parseOrThrow(idField, req.params.customerId, 'customer id');
      if (!callers.mayRead(caller, customerId)) throw notFound(`Customer ${customerId}`);
      const view = await deps.customers.view(customerId);
      if (!view) throw notFound(`Customer ${customerId}`);
      res.json(view);
    }),
  );

  app.post(
    '/auth/login',
    jsonBody(),
    route(async (req, res) => {
      const { email, password } = parseOrThrow(loginBody, req.body);
      const result = await login(deps, email, password);
      switch (result.kind) {
        case 'denied':
          throw new ProblemError(problem(401, 'invalid-credentials', 'The email or password is wrong.'));
        case 'admin':
          res.json({ token: result.token, role: 'admin' });
          return;
        case 'customer':
          res.json({ token: result.token, role: 'customer', customerId: result.customerId });
          return;
      }
    }),
  );
}
