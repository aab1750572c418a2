import express from 'express';
import request from 'supertest';
import { ActorHost, Logger, parseOrThrow, Sidecar, z } from '../src';

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** No state is read or written by these methods: a sidecar that refuses every call proves it. */
const noSidecar = new Proxy({}, { get: () => () => Promise.reject(new Error('no sidecar call expected')) }) as Sidecar;

function host() {
  const calls: unknown[] = [];
  const actors = new ActorHost(noSidecar, silent, { source: 'test', store: 'actorstore', pubsub: 'pubsub' }).register({
    type: 'Counter',
    create: () => ({
      methods: {
        add: async (body) => {
          const { n } = parseOrThrow(z.object({ n: z.number().int().min(1) }), body, 'Counter.add body');
          calls.push(n);
          return { added: n };
        },
        broken: async () => {
          throw new Error('a bug');
        },
      },
    }),
  });
  const app = express().use(actors.router());
  return { app, calls };
}

describe('the actor host answering a refused body', () => {
  it('when a method refuses its body, then the caller gets 400 problem+json naming the field, not a 500', async () => {
    const { app, calls } = host();
    const response = await request(app).put('/actors/Counter/c1/method/add').send({ n: -5 });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, errors: [{ path: 'n' }] });
    expect(calls).toEqual([]);
  });

  it('when a method fails for its own reasons, then it is still a 500 that tells nothing', async () => {
    const { app } = host();
    const response = await request(app).put('/actors/Counter/c1/method/broken').send({});
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain('a bug');
  });

  it('when a good body follows a refused one, then the activation still serves it', async () => {
    const { app, calls } = host();
    await request(app).put('/actors/Counter/c1/method/add').send({ n: 'x' });
    const response = await request(app).put('/actors/Counter/c1/method/add').send({ n: 2 });
    expect(response.status).toBe(200);
    expect(calls).toEqual([2]);
  });
});
