import { Express, Response, Router } from 'express';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { problem, sendProblem } from '@bookstore/runtime';

/**
 * The storefront (services/gateway/web, built by Vite into dist/web): `/` and its hashed
 * files under `/assets/`, read once at start. Only what the build wrote is served.
 */

/** The page's own script, styles and API calls, nothing inline, nothing from elsewhere. */
export const STOREFRONT_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const WEB = join(__dirname, '..', '..', 'web');

function load(): { page: Buffer; assets: Map<string, { type: string; body: Buffer }> } {
  if (!existsSync(join(WEB, 'index.html'))) throw new Error(`the storefront is not built (no ${WEB}/index.html): run npm run build`);
  const assets = new Map<string, { type: string; body: Buffer }>();
  for (const name of readdirSync(join(WEB, 'assets'))) {
    const type = TYPES[extname(name)];
    if (type) assets.set(name, { type, body: readFileSync(join(WEB, 'assets', name)) });
  }
  return { page: readFileSync(join(WEB, 'index.html')), assets };
}

const onlyGet = (res: Response): void => sendProblem(res, problem(405, 'method-not-allowed', 'This path answers GET.'), { Allow: 'GET' });

export function storefront(app: Express): void {
  const { page, assets } = load();
  const router = Router({ caseSensitive: true, strict: true });
  router.get('/', (_req, res) => {
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': STOREFRONT_POLICY, 'Cache-Control': 'no-cache' }).send(page);
  });
  router.get('/assets/:file', (req, res, next) => {
    const asset = assets.get(req.params.file!);
    if (!asset) return next();
    // Named by their content's hash: a new build is a new name, so they may be kept for good.
    res
      .set({ 'Content-Type': asset.type, 'Content-Security-Policy': STOREFRONT_POLICY, 'Cache-Control': 'public, max-age=31536000, immutable' })
      .send(asset.body);
  });
  router.all('/', (_req, res) => onlyGet(res));
  app.use(router);
}
