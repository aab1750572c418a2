import { randomUUID } from 'node:crypto';
import { admin, registerBook, signUpCustomer } from '../support/auth';
import { eventually, gateway } from '../support/gateway';

const email = (): string => `u-${randomUUID()}@Example.com`;

describe('signing up', () => {
  it('when a customer signs up, then they get an id, BRONZE, no mileage and a token that works', async () => {
    const address = email();
    const response = await gateway().post('/customers').send({ name: 'Ada', email: address, password: 'long enough' });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      customerId: expect.any(String),
      name: 'Ada',
      email: address.toLowerCase(),
      grade: 'BRONZE',
      mileage: 0,
      token: expect.any(String),
    });
    const profile = await gateway().get(`/customers/${response.body.customerId}`).set('Authorization', `Bearer ${response.body.token}`);
    expect(profile.status).toBe(200);
    expect(profile.body).toEqual({
      customerId: response.body.customerId,
      name: 'Ada',
      email: address.toLowerCase(),
      grade: 'BRONZE',
      mileage: 0,
      purchased: 0,
    });
    expect(JSON.stringify(profile.body)).not.toMatch(/scrypt|password/i);
  });

  it('when the email is taken in another case, then the sign-up is 409', async () => {
    const address = email();
    expect((await gateway().post('/customers').send({ name: 'A', email: address, password: 'long enough' })).status).toBe(201);
    const again = await gateway()
      .post('/customers')
      .send({ name: 'B', email: `  ${address.toUpperCase()} `, password: 'long enough' });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('when two sign-ups with one email race, then exactly one succeeds and the other is 409', async () => {
    const address = email();
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        gateway()
          .post('/customers')
          .send({ name: `R${i}`, email: address, password: 'long enough' }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it.each([
    [{ name: '', email: 'x@example.com', password: 'long enough' }, 'name'],
    [{ name: 'A', email: 'not-an-email', password: 'long enough' }, 'email'],
    [{ name: 'A', email: 'x@example.com', password: 'short' }, 'password'],
    [{ name: 'A'.repeat(101), email: 'x@example.com', password: 'long enough' }, 'name'],
  ])('when the body is %p, then it is 400 naming %p', async (body, path) => {
    const response = await gateway().post('/customers').send(body);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});

describe('logging in', () => {
  it('when a customer logs in with the right password, then a customer token comes back', async () => {
    const customer = await signUpCustomer();
    const response = await gateway().post('/auth/login').send({ email: customer.email.toUpperCase(), password: customer.password });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ token: expect.any(String), role: 'customer', customerId: customer.customerId });
  });

  it('when the password is wrong or the email unknown, then it is 401 either way', async () => {
    const customer = await signUpCustomer();
    const wrong = await gateway().post('/auth/login').send({ email: customer.email, password: 'not the password' });
    const unknown = await gateway().post('/auth/login').send({ email: email(), password: 'whatever it is' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('when the admin logs in, then an admin token comes back and may read any customer', async () => {
    const customer = await signUpCustomer();
    const profile = await gateway()
      .get(`/customers/${customer.customerId}`)
      .set('Authorization', await admin());
    expect(profile.status).toBe(200);
  });

  it('when an account keeps failing, then further logins are 429 with Retry-After, even with the right password', async () => {
    const customer = await signUpCustomer();
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await gateway()
            .post('/auth/login')
            .send({ email: customer.email, password: `wrong ${i}` })
        ).status,
      ).toBe(401);
    }
    const limited = await gateway().post('/auth/login').send({ email: customer.email, password: customer.password });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('who may read a profile', () => {
  it('when there is no token, then it is 401', async () => {
    const customer = await signUpCustomer();
    const response = await gateway().get(`/customers/${customer.customerId}`);
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('when the token is forged or tampered with, then it is 401', async () => {
    const customer = await signUpCustomer();
    const [header, payload] = customer.token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    expect((await gateway().get(`/customers/${customer.customerId}`).set('Authorization', `Bearer ${forged}`)).status).toBe(401);
  });

  it('when a client sends identity headers itself, then they are ignored', async () => {
    const customer = await signUpCustomer();
    const response = await gateway().get(`/customers/${customer.customerId}`).set('x-bookstore-caller-id', 'admin').set('x-bookstore-caller-role', 'admin');
    expect(response.status).toBe(401);
  });

  it('when another customer reads a profile, then it is 404 (existence does not leak)', async () => {
    const [a, b] = await Promise.all([signUpCustomer(), signUpCustomer()]);
    expect((await gateway().get(`/customers/${a.customerId}`).set('Authorization', b.bearer)).status).toBe(404);
  });
});

describe('mileage and grade', () => {
  it('when a customer orders, then purchased, mileage and grade follow the order', async () => {
    const customer = await signUpCustomer();
    const book = await registerBook({ price: 60_000, stock: 5 });
    const order = await gateway().post('/orders').set('Authorization', customer.bearer).send({ bookId: book.bookId, qty: 1, customerId: customer.customerId });
    expect(order.status).toBe(201);
    const profile = await eventually(
      () => gateway().get(`/customers/${customer.customerId}`).set('Authorization', customer.bearer),
      (r) => r.body.purchased === 60_000,
    );
    expect(profile.body).toMatchObject({ purchased: 60_000, mileage: 600, grade: 'SILVER' });
  });
});

describe('the gateway', () => {
  it('when a body is over 64 KiB, then it is 413 problem+json', async () => {
    const response = await gateway()
      .post('/customers')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(70_000) }));
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('when a path belongs to no service, then it is 404 problem+json', async () => {
    const response = await gateway().get('/nowhere');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('when the JSON is malformed, then it is 400 problem+json', async () => {
    const response = await gateway().post('/customers').set('content-type', 'application/json').send('{"name":');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
