/// <reference lib="dom" />
/**
 * The storefront in a real browser (Debian's Chromium, driven by playwright-core) on the
 * real stack, through the gateway: sign-up, ordering, MyPage changing live, cancelling,
 * out of stock and the restock notification, an admin's new book reaching a customer's
 * open page, keyboard-only ordering, and a phone-width viewport. A failing test leaves a
 * screenshot in reports/e2e/; the README's screenshots are taken here (reports/screenshots/).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { admin, adminPassword, registerBook, signUpCustomer } from '../support/auth';
import { gateway } from '../support/gateway';

jest.setTimeout(120_000);

const REPORTS = join(__dirname, '..', '..', 'reports');
const BASE = () => process.env.GATEWAY_URL!;
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // This machine's closed network: nothing of Chromium's own may try to go out.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => browser?.close());

/** A page in a context of its own (its own session storage); a screenshot if the test fails. */
async function withPage(name: string, work: (page: Page, context: BrowserContext) => Promise<void>, viewport = { width: 1100, height: 800 }): Promise<void> {
  const context = await browser.newContext({ baseURL: BASE(), viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Chrome also logs every 4xx answer as a console error; the API's 409s and 404s are the page's business.
  page.on(
    'console',
    (message) =>
      message.type() === 'error' &&
      !/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()) &&
      errors.push(message.text()),
  );
  try {
    await work(page, context);
    // No script error and no Content-Security-Policy violation on the way.
    expect(errors).toEqual([]);
  } catch (error) {
    mkdirSync(join(REPORTS, 'e2e'), { recursive: true });
    await page.screenshot({ path: join(REPORTS, 'e2e', `${name}-failure.png`), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(join(REPORTS, 'screenshots'), { recursive: true });
  await page.screenshot({ path: join(REPORTS, 'screenshots', `${name}.png`), fullPage: true });
}

async function signUpInPage(page: Page, name: string): Promise<void> {
  await page.goto('/#/signup');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(`e2e-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`);
  await page.getByLabel('Password (8 characters or more)').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('link', { name: 'MyPage' }).waitFor();
}

/** The card of one book in the catalog, found by searching its title. */
async function bookCard(page: Page, title: string) {
  await page.goto('/#/books');
  await page.getByLabel('Search by title or author').fill(title);
  await page.getByRole('button', { name: 'Search' }).click();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
  await card.waitFor();
  return card;
}

const unique = (what: string) => `${what} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

describe('the storefront', () => {
  it('when a customer signs up and orders, then MyPage shows DeliveryStarted without a reload, and a cancel shows DeliveryCancelled', async () => {
    const title = unique('Event Sourcing');
    await registerBook({ title, stock: 5, price: 15_000 });
    await withPage('order-and-cancel', async (page) => {
      await signUpInPage(page, 'Browser Alice');
      const card = await bookCard(page, title);
      await screenshot(page, 'storefront');
      await card.getByRole('button', { name: 'Order' }).click();
      await card.getByText(/Ordered 1 ×/).waitFor();

      await page.getByRole('link', { name: 'MyPage' }).click();
      await page.getByRole('heading', { level: 1, name: 'MyPage' }).waitFor();
      // Marks this document: a reload would lose it.
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
      const status = page.locator('tbody tr').first().locator('.status');
      await status.filter({ hasText: 'Delivery started' }).waitFor({ timeout: 30_000 });
      await screenshot(page, 'mypage');
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

      await page
        .locator('tbody tr')
        .first()
        .getByRole('button', { name: /Cancel order/ })
        .click();
      await status.filter({ hasText: 'Delivery cancelled' }).waitFor({ timeout: 30_000 });
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    });
  });

  it('when a live update changes a MyPage row, then nothing on the page moves (no layout shift)', async () => {
    const title = unique('Stable Layout');
    await registerBook({ title, stock: 5 });
    await withPage('layout-shift', async (page) => {
      await signUpInPage(page, 'Browser Carol');
      const card = await bookCard(page, title);
      await card.getByRole('button', { name: 'Order' }).click();
      await card.getByText(/Ordered 1 ×/).waitFor();
      await page.getByRole('link', { name: 'MyPage' }).click();
      await page.locator('tbody tr').first().waitFor();
      await page.evaluate(() => {
        const w = window as unknown as { shift: number };
        w.shift = 0;
        new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.shift += (e as unknown as { value: number }).value))).observe({
          type: 'layout-shift',
        });
      });
      const before = await page.locator('tbody tr').first().boundingBox();
      await page.locator('tbody tr').first().locator('.status', { hasText: 'Delivery started' }).waitFor({ timeout: 30_000 });
      const after = await page.locator('tbody tr').first().boundingBox();
      expect(after).toEqual(before);
      expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBeLessThan(0.01);
    });
  });

  it('when an order finds too few copies, then the page says so; when an admin restocks, then the Restocked notification appears', async () => {
    const title = unique('Sold Out');
    const book = await registerBook({ title, stock: 0 });
    await withPage('out-of-stock', async (page) => {
      await signUpInPage(page, 'Browser Bob');
      const card = await bookCard(page, title);
      await card.getByRole('button', { name: 'Order' }).click();
      await card.getByText(/Not enough copies in stock/).waitFor();

      await page.getByRole('link', { name: 'Notifications' }).click();
      await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      const restock = await gateway()
        .patch('/books/reStock')
        .set('Authorization', await admin())
        .send({ bookId: book.bookId, stock: 3 });
      expect(restock.status).toBe(200);
      await page.locator('[data-kind="Restocked"]').first().waitFor({ timeout: 30_000 });
    });
  });

  it("when an admin registers a book in the admin page, then a logged-in customer's open notifications show it", async () => {
    const title = unique('Fresh Arrival');
    await withPage('new-book', async (customerPage) => {
      await signUpInPage(customerPage, 'Browser Dave');
      await customerPage.getByRole('link', { name: 'Notifications' }).click();
      await customerPage.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      await customerPage.locator('.live[data-connected="yes"]').waitFor();

      await withPage('admin', async (adminPage) => {
        await adminPage.goto('/#/login');
        await adminPage.getByLabel('Email').fill('admin@bookstore.local');
        await adminPage.getByLabel('Password').fill(adminPassword());
        await adminPage.getByRole('button', { name: 'Log in' }).click();
        await adminPage.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
        const form = adminPage.getByRole('form', { name: 'Register a book' });
        await form.getByLabel('Title').fill(title);
        await form.getByLabel('Price (won)').fill('9000');
        await form.getByLabel('Stock').fill('4');
        await form.getByRole('button', { name: 'Register' }).click();
        await form.getByText(/Registered “/).waitFor();
        // The shop now: every service ready, the breaker closed, rates once two answers are in.
        await adminPage.locator('[data-service="order"] [data-state="ready"]').waitFor();
        await adminPage.getByText('Stock breaker: closed').waitFor();
        await adminPage
          .locator('[data-service="book"] td')
          .nth(1)
          .filter({ hasText: /^\d+\.\d$/ })
          .waitFor();
        await screenshot(adminPage, 'admin');
      });
      await customerPage.locator('[data-kind="NewBook"]', { hasText: title }).waitFor({ timeout: 30_000 });
    });
  });

  it('when a customer uses the keyboard only, then they can find a book and order it', async () => {
    const title = unique('Keyboard');
    await registerBook({ title, stock: 2 });
    const customer = await signUpCustomer('Keyboard Kim');
    await withPage('keyboard', async (page) => {
      await page.goto('/#/login');
      await page.getByLabel('Email').focus();
      await page.keyboard.type(customer.email);
      await page.keyboard.press('Tab');
      await page.keyboard.type(customer.password);
      await page.keyboard.press('Enter');
      await page.getByRole('link', { name: 'MyPage' }).waitFor();
      await page.getByLabel('Search by title or author').focus();
      await page.keyboard.type(title);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: title }).waitFor();
      // From the search box, Tab reaches the book's copies field, then its Order button.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id)).toMatch(/^qty-/);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Order');
      await page.keyboard.press('Enter');
      await page.getByText(/Ordered 1 ×/).waitFor();
    });
  });

  it('when the page is 390 px wide, then nothing overflows sideways and ordering still works', async () => {
    const title = unique('Phone');
    await registerBook({ title, stock: 2 });
    await withPage(
      'phone',
      async (page) => {
        await signUpInPage(page, 'Phone Pat');
        const card = await bookCard(page, title);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        const button = card.getByRole('button', { name: 'Order' });
        const box = await button.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(390);
        expect(box!.height).toBeGreaterThanOrEqual(44);
        await button.click();
        await card.getByText(/Ordered 1 ×/).waitFor();
        await screenshot(page, 'phone');
      },
      { width: 390, height: 844 },
    );
  });

  it('when the storefront is served, then its policy allows only its own script and styles, and no inline code', async () => {
    const page = await gateway().get('/');
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).not.toContain('unsafe');
    expect(page.text).not.toMatch(/<script>(?!<\/script>)|style="/);
  });
});
