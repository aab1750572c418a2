import express from 'express';
import request from 'supertest';
import { requireAppToken, tokenProblem } from '../src';

const TOKEN = 'a'.repeat(43);

function app() {
  const server = express();
  server.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
  server.use(requireAppToken(TOKEN));
  server.all('*', (_req, res) => res.json({ reached: true }));
  return server;
}

describe('the app API token', () => {
  it('when a request carries the sidecar token, then it reaches the route', async () => {
    const response = await request(app()).put('/actors/BookActor/b1/method/restock').set('dapr-api-token', TOKEN);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ reached: true });
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'b'.repeat(43)],
    ['a prefix of the token', TOKEN.slice(0, 10)],
    ['an empty token', ''],
  ])('when a request carries %s, then it is refused with 401 problem+json', async (_what, token) => {
    const call = request(app()).patch('/books/reStock').set('x-bookstore-caller-role', 'admin');
    const response = await (token === undefined ? call : call.set('dapr-api-token', token));
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.reached).toBeUndefined();
  });

  it('when the health probe calls without a token, then /healthz still answers (it is mounted before the guard)', async () => {
    expect((await request(app()).get('/healthz')).status).toBe(200);
  });
});

describe('tokens outside local mode', () => {
  it('when NODE_ENV is production and a token is missing or short, then the service refuses to start', () => {
    expect(tokenProblem({ NODE_ENV: 'production', DAPR_API_TOKEN: TOKEN, APP_API_TOKEN: undefined })).toMatch(/APP_API_TOKEN/);
    expect(tokenProblem({ NODE_ENV: 'production', DAPR_API_TOKEN: 'short', APP_API_TOKEN: TOKEN })).toMatch(/DAPR_API_TOKEN/);
    expect(tokenProblem({ NODE_ENV: 'production', DAPR_API_TOKEN: TOKEN, APP_API_TOKEN: TOKEN })).toBeUndefined();
  });

  it('when running locally, then tokens are optional (the stack always sets them)', () => {
    expect(tokenProblem({ NODE_ENV: 'development', DAPR_API_TOKEN: undefined, APP_API_TOKEN: undefined })).toBeUndefined();
  });
});
