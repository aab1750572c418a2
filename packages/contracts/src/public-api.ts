import { z } from 'zod';
import { cursorField, emailField, idField, intField, pageQuerySchema, textField } from '@bookstore/runtime/schema';
import { APPS, AppId } from './apps';
import { LIMITS, TEXT_MAX } from './fields';

/**
 * The public API (API.md) as data, defined once: the gateway routes by it (and forwards
 * nothing else), the services validate their inputs with its schemas, and the OpenAPI
 * document at `/openapi.json` is generated from it.
 */

// ---- Problems -------------------------------------------------------------------------

/** The prefix of every problem type (`${PROBLEM_BASE}out-of-stock`); each service gives it to startService. */
export const PROBLEM_BASE = 'https://bookstore.example/problems/';

/** Every problem type the public API answers with, and its status (RFC 9457). */
export const PROBLEM_TYPES = {
  validation: 400,
  'bad-request': 400,
  'malformed-json': 400,
  unauthenticated: 401,
  'invalid-credentials': 401,
  forbidden: 403,
  'origin-not-allowed': 403,
  'not-found': 404,
  'book-not-found': 404,
  'method-not-allowed': 405,
  'email-taken': 409,
  'out-of-stock': 409,
  'order-not-cancellable': 409,
  'stock-limit': 409,
  'idempotency-key-in-use': 409,
  'body-too-large': 413,
  'idempotency-key-reused': 422,
  'too-many-requests': 429,
  internal: 500,
  'bad-gateway': 502,
  'service-unavailable': 503,
  overloaded: 503,
  'books-unavailable': 503,
  'stock-unavailable': 503,
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

// ---- Inputs -----------------------------------------------------------------------------

/** An integer field as API.md has it: a JSON number or decimal digits, within bounds. */
const count = (bounds: { min: number; max: number }) =>
  intField(bounds).meta({ description: `A whole number from ${bounds.min} to ${bounds.max}: a JSON number, or a string of decimal digits.` });
const id = (what: string) => idField.meta({ description: `${what}: letters, digits, _ or - (1 to 64), or a JSON number read as its string.` });
const text = (bounds: { min?: number; max: number }, what: string) =>
  textField(bounds).meta({ description: `${what}: ${bounds.min ?? 0} to ${bounds.max} characters of one line (trimmed, NFC).` });

export const registerBookBody = z.object({
  title: text({ min: 1, max: TEXT_MAX.title }, 'The title'),
  author: text({ max: TEXT_MAX.author }, 'The author').optional(),
  price: count({ min: 0, max: LIMITS.maxPrice }),
  stock: count({ min: 0, max: LIMITS.maxStock }).optional(),
});

export const restockBody = z.object({
  bookId: id('The book'),
  stock: count({ min: 1, max: LIMITS.maxRestock }),
});

export const signUpBody = z.object({
  name: text({ min: 1, max: TEXT_MAX.name }, 'The name'),
  email: emailField,
  password: z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters'),
});

export const loginBody = z.object({
  email: z.string().max(254),
  password: z.string().max(200),
});

export const placeOrderBody = z.object({
  bookId: id('The book'),
  qty: count({ min: 1, max: LIMITS.maxQty }),
  customerId: id("The caller's own customerId (optional)").optional(),
});

const page = pageQuerySchema.extend({ cursor: cursorField.optional() });
export const bookListQuery = page.extend({ q: textField({ max: 200 }).meta({ description: 'Matches title or author, case-insensitive.' }).optional() });
export const customerListQuery = page.extend({ customerId: id('Whose rows (admin)').optional() });
export const pageOnlyQuery = page;
export const outOfStockQuery = page.extend({ bookId: id('Only this book').optional() });
export const deliveryQuery = z.object({ orderId: id('The order') });

// ---- Answers ------------------------------------------------------------------------------

const instant = z.string().meta({ description: 'ISO-8601 UTC time', format: 'date-time' });
const won = z.number().int().min(0);
const paged = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const bookAnswer = z.object({ bookId: z.string(), title: z.string(), author: z.string(), price: won, stock: z.number().int().min(0) });
const grade = z.enum(['BRONZE', 'SILVER', 'GOLD', 'VIP']);
export const signUpAnswer = z.object({ customerId: z.string(), name: z.string(), email: z.string(), grade, mileage: won, token: z.string() });
export const customerAnswer = z.object({ customerId: z.string(), name: z.string(), email: z.string(), grade, mileage: won, purchased: won });
export const loginAnswer = z.object({ token: z.string(), role: z.enum(['admin', 'customer']), customerId: z.string().optional() });
export const orderAnswer = z.object({
  orderId: z.string(),
  bookId: z.string(),
  customerId: z.string(),
  qty: z.number().int().min(1),
  price: won,
  status: z.enum(['Ordered', 'OutOfStocked', 'OrderCancelled']),
  orderedAt: instant,
});
export const deliveryAnswer = z.object({
  deliveryId: z.string(),
  orderId: z.string(),
  customerId: z.string(),
  status: z.enum(['DeliveryStarted', 'DeliveryCancelled']),
  updatedAt: instant,
});
export const myPageAnswer = z.object({
  orderId: z.string(),
  customerId: z.string(),
  bookId: z.string(),
  qty: z.number().int().min(1),
  price: won,
  status: z.enum(['Ordered', 'DeliveryStarted', 'OutOfStocked', 'OrderCancelled', 'DeliveryCancelled']),
  deliveryId: z.string().optional(),
  updatedAt: instant,
});
export const notificationAnswer = z.object({
  notificationId: z.string(),
  customerId: z.string(),
  kind: z.enum(['NewBook', 'Restocked']),
  bookId: z.string(),
  message: z.string(),
  createdAt: instant,
});
export const marketingTargetAnswer = z.object({ customerId: z.string(), name: z.string(), email: z.string(), registeredAt: instant });
export const outOfStockOrderAnswer = z.object({
  orderId: z.string(),
  bookId: z.string(),
  customerId: z.string(),
  qty: z.number().int().min(1),
  notified: z.boolean(),
  notificationId: z.string().optional(),
  notifiedAt: instant.optional(),
});
export const healthAnswer = z.object({ status: z.string() }).loose();
const figure = z.object({ name: z.string(), labels: z.record(z.string(), z.union([z.string(), z.number()])), value: z.number() });
export const adminStatusAnswer = z.object({
  at: instant,
  services: z.array(z.object({ name: z.string(), instance: z.string(), ready: z.boolean(), figures: z.array(figure) })),
  lags: z.array(z.object({ topic: z.string(), group: z.string(), lag: z.number().int(), pending: z.number().int() })),
  deadLetters: z.record(z.string(), z.number().int()),
});

// ---- Operations ---------------------------------------------------------------------------

/** Who may call: anyone, or a bearer token of one of these roles. */
export type Access = 'public' | 'customer' | 'admin' | 'customer or admin';

export interface Operation {
  method: 'GET' | 'POST' | 'PATCH';
  /** `{name}` is a path parameter, an id. */
  path: string;
  /** The service that answers, or the gateway itself. */
  owner: AppId | 'gateway';
  summary: string;
  access: Access;
  /** The query parameters the service reads; the gateway forwards these only. */
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Takes an `Idempotency-Key` header. */
  idempotent?: true;
  /** Password checks: the gateway's login throttle counts these. */
  login?: true;
  /** A long-lived answer (server-sent events), streamed through rather than buffered. */
  stream?: true;
  /** The answers that are not problems: status, what it means, its JSON body's schema (or another content type). */
  answers: Array<{ status: number; description: string; schema?: z.ZodType; contentTypes?: string[] }>;
  /** A path parameter that is not an id: its pattern. */
  parameterPatterns?: Record<string, string>;
  /** The problems of this operation's own rules; the common ones are added by `problemsOf`. */
  problems: ProblemType[];
}

/** A customercenter list of one customer's rows (an admin names the customer; naming another's is 404 for a customer). */
const customersList = (path: string, summary: string, what: string, item: z.ZodType): Operation => ({
  method: 'GET',
  path,
  owner: APPS.customercenter,
  summary,
  access: 'customer or admin',
  query: customerListQuery,
  answers: [{ status: 200, description: `A page of ${what}`, schema: paged(item) }],
  problems: ['validation', 'not-found'],
});

export const OPERATIONS: readonly Operation[] = [
  {
    method: 'GET',
    path: '/healthz',
    owner: 'gateway',
    summary: 'The gateway is alive',
    access: 'public',
    answers: [
      { status: 200, description: 'Alive', schema: healthAnswer },
      { status: 503, description: 'Stopping', schema: healthAnswer },
    ],
    problems: [],
  },
  {
    method: 'GET',
    path: '/readyz',
    owner: 'gateway',
    summary: "The gateway can route; each service's readiness",
    access: 'public',
    answers: [
      { status: 200, description: "Ready, with each service's readiness", schema: healthAnswer },
      { status: 503, description: 'Not ready (its sidecar or a check)', schema: healthAnswer },
    ],
    problems: [],
  },
  {
    method: 'GET',
    path: '/',
    owner: 'gateway',
    summary: 'The storefront (a web page)',
    access: 'public',
    answers: [{ status: 200, description: 'HTML', contentTypes: ['text/html'] }],
    problems: [],
  },
  {
    method: 'GET',
    path: '/assets/{file}',
    owner: 'gateway',
    summary: "The storefront's script and styles, named by their content's hash",
    access: 'public',
    parameterPatterns: { file: '^[A-Za-z0-9_-]+\\.(js|css)$' },
    answers: [{ status: 200, description: 'The file', contentTypes: ['text/javascript', 'text/css'] }],
    problems: ['not-found'],
  },
  {
    method: 'GET',
    path: '/openapi.json',
    owner: 'gateway',
    summary: 'This document',
    access: 'public',
    answers: [{ status: 200, description: 'OpenAPI 3.1', contentTypes: ['application/json'] }],
    problems: [],
  },
  {
    method: 'GET',
    path: '/docs',
    owner: 'gateway',
    summary: 'This document, rendered',
    access: 'public',
    answers: [{ status: 200, description: 'HTML', contentTypes: ['text/html'] }],
    problems: [],
  },
  {
    method: 'GET',
    path: '/admin/status',
    owner: 'gateway',
    summary: "Each service's readiness and figures (totals: requests, events, CPU, the stock breaker, the outbox), subscribers' lag, dead letters",
    access: 'admin',
    answers: [{ status: 200, description: 'The shop now; take rates between two answers', schema: adminStatusAnswer }],
    problems: [],
  },
  {
    method: 'GET',
    path: '/books',
    owner: APPS.book,
    summary: 'Books, newest first',
    access: 'public',
    query: bookListQuery,
    answers: [{ status: 200, description: 'A page of books', schema: paged(bookAnswer) }],
    problems: ['validation', 'books-unavailable'],
  },
  {
    method: 'POST',
    path: '/books',
    owner: APPS.book,
    summary: 'Register a book (publishes BookRegistered)',
    access: 'admin',
    body: registerBookBody,
    idempotent: true,
    answers: [{ status: 201, description: 'Registered', schema: bookAnswer }],
    problems: ['validation', 'idempotency-key-reused', 'books-unavailable'],
  },
  {
    method: 'GET',
    path: '/books/{bookId}',
    owner: APPS.book,
    summary: 'One book',
    access: 'public',
    answers: [{ status: 200, description: 'The book', schema: bookAnswer }],
    problems: ['book-not-found', 'books-unavailable'],
  },
  {
    method: 'PATCH',
    path: '/books/reStock',
    owner: APPS.book,
    summary: 'Add copies to a book (publishes StockIncreased)',
    access: 'admin',
    body: restockBody,
    idempotent: true,
    answers: [{ status: 200, description: 'The book with its new stock', schema: bookAnswer }],
    problems: ['validation', 'book-not-found', 'stock-limit', 'idempotency-key-reused', 'books-unavailable'],
  },
  {
    method: 'POST',
    path: '/customers',
    owner: APPS.customer,
    summary: 'Sign up (publishes CustomerRegistered)',
    access: 'public',
    body: signUpBody,
    answers: [{ status: 201, description: 'Signed up, with a token', schema: signUpAnswer }],
    problems: ['validation', 'email-taken'],
  },
  {
    method: 'GET',
    path: '/customers/{customerId}',
    owner: APPS.customer,
    summary: 'A profile: mileage, grade, amount purchased',
    access: 'customer or admin',
    answers: [{ status: 200, description: 'The profile', schema: customerAnswer }],
    problems: ['not-found'],
  },
  {
    method: 'POST',
    path: '/auth/login',
    owner: APPS.customer,
    summary: 'Log in',
    access: 'public',
    body: loginBody,
    login: true,
    answers: [{ status: 200, description: 'A bearer token', schema: loginAnswer }],
    problems: ['validation', 'invalid-credentials', 'too-many-requests'],
  },
  {
    method: 'POST',
    path: '/orders',
    owner: APPS.order,
    summary: 'Order a book: stock is reserved at once (publishes Ordered or OutOfStocked)',
    access: 'customer',
    body: placeOrderBody,
    idempotent: true,
    answers: [{ status: 201, description: 'Ordered: the stock is taken', schema: orderAnswer }],
    problems: ['validation', 'forbidden', 'book-not-found', 'out-of-stock', 'idempotency-key-in-use', 'idempotency-key-reused', 'stock-unavailable'],
  },
  {
    method: 'GET',
    path: '/orders',
    owner: APPS.order,
    summary: "The caller's orders (admin: all, or one customer's)",
    access: 'customer or admin',
    query: customerListQuery,
    answers: [{ status: 200, description: 'A page of orders', schema: paged(orderAnswer) }],
    problems: ['validation'],
  },
  {
    method: 'GET',
    path: '/orders/{orderId}',
    owner: APPS.order,
    summary: 'One order',
    access: 'customer or admin',
    answers: [{ status: 200, description: 'The order', schema: orderAnswer }],
    problems: ['not-found'],
  },
  {
    method: 'POST',
    path: '/orders/{orderId}/cancel',
    owner: APPS.order,
    summary: 'Cancel an order: its stock comes back (publishes OrderCancelled)',
    access: 'customer or admin',
    answers: [{ status: 200, description: 'Cancelled (again: nothing changes)', schema: orderAnswer }],
    problems: ['not-found', 'order-not-cancellable'],
  },
  {
    method: 'GET',
    path: '/deliveries',
    owner: APPS.delivery,
    summary: "An order's delivery",
    access: 'customer or admin',
    query: deliveryQuery,
    answers: [{ status: 200, description: 'The delivery, if started', schema: paged(deliveryAnswer) }],
    problems: ['validation', 'not-found'],
  },
  customersList('/myPages', "MyPage: each order's status as its customer sees it", 'MyPage rows', myPageAnswer),
  {
    method: 'GET',
    path: '/myPages/{orderId}',
    owner: APPS.customercenter,
    summary: "One order's MyPage row",
    access: 'customer or admin',
    answers: [{ status: 200, description: 'The row', schema: myPageAnswer }],
    problems: ['not-found'],
  },
  customersList('/notifications', 'Notifications: NewBook and Restocked', 'notifications', notificationAnswer),
  {
    method: 'GET',
    path: '/updates',
    owner: APPS.customercenter,
    summary: "Server-sent events: the caller's MyPage rows and notifications as they change",
    access: 'customer',
    stream: true,
    answers: [
      {
        status: 200,
        description:
          '`ready` first (read what the page shows then), then `mypage` (data: the MyPage row as it is now) and `notification` (data: {}; read the list again)',
        contentTypes: ['text/event-stream'],
      },
    ],
    problems: [],
  },
  {
    method: 'GET',
    path: '/marketingTargets',
    owner: APPS.customercenter,
    summary: 'Customers a NewBook notification goes to',
    access: 'admin',
    query: pageOnlyQuery,
    answers: [{ status: 200, description: 'A page of customers', schema: paged(marketingTargetAnswer) }],
    problems: ['validation'],
  },
  {
    method: 'GET',
    path: '/outOfStockOrders',
    owner: APPS.customercenter,
    summary: 'Orders that failed for lack of stock, and whether a restock told their customer',
    access: 'admin',
    query: outOfStockQuery,
    answers: [{ status: 200, description: 'A page of out-of-stock orders', schema: paged(outOfStockOrderAnswer) }],
    problems: ['validation'],
  },
];

/**
 * Problems any forwarded request may get, whatever its route: from the gateway's edge (a
 * path it refuses, a limit, a service down, at capacity or failing) and a service's own.
 */
const EVERY_FORWARDED: readonly ProblemType[] = [
  'not-found',
  'origin-not-allowed',
  'too-many-requests',
  'internal',
  'bad-gateway',
  'service-unavailable',
  'overloaded',
];
/** Any path of the API: one the gateway refuses to read, or asked with a method it does not answer. */
const EVERY_PATH: readonly ProblemType[] = ['bad-request', 'method-not-allowed'];
const WITH_A_BODY: readonly ProblemType[] = ['malformed-json', 'body-too-large', 'validation'];
const WITH_A_TOKEN: readonly ProblemType[] = ['unauthenticated', 'forbidden'];

/** All problems an operation may answer, its own and the common ones, each once. */
export function problemsOf(operation: Operation): ProblemType[] {
  const all: ProblemType[] = [...operation.problems, ...EVERY_PATH];
  if (operation.owner !== 'gateway') all.push(...EVERY_FORWARDED);
  if (operation.body) all.push(...WITH_A_BODY);
  if (operation.idempotent) all.push('validation'); // a malformed Idempotency-Key
  if (operation.access !== 'public') all.push(...WITH_A_TOKEN);
  return [...new Set(all)];
}
