import { Express, Response, Router } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../../domain/openapi';

/**
 * `/openapi.json` and `/docs`: the API's description and Swagger UI (swagger-ui-dist, from
 * the npm registry, served from this app: no CDN). Only the files named here are served,
 * read once at start.
 */

/** Swagger UI runs its own bundle and styles and fetches the document; nothing else, no inline code. */
const DOCS_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Bookstore API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="docs"></div><script src="/docs/swagger-ui-bundle.js"></script><script src="/docs/start.js"></script></body>
</html>`;

/** Swagger UI's start, as a file of its own: the policy allows no inline script. */
const START =
  "window.addEventListener('load', () => { window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', deepLinking: true, validatorUrl: null }); });\n";

const dist = (): string => join(require.resolve('swagger-ui-dist/package.json'), '..');

interface Asset {
  type: string;
  body: string | Buffer;
}

function assets(): Record<string, Asset> {
  return {
    '/docs': { type: 'text/html; charset=utf-8', body: PAGE },
    '/docs/start.js': { type: 'text/javascript; charset=utf-8', body: START },
    '/docs/swagger-ui.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(dist(), 'swagger-ui.css')) },
    '/docs/swagger-ui-bundle.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(join(dist(), 'swagger-ui-bundle.js')) },
  };
}

const send = (res: Response, asset: Asset, policy: string, cache: string): void => {
  res.set({ 'Content-Type': asset.type, 'Content-Security-Policy': policy, 'Cache-Control': cache }).send(asset.body);
};

/** The gateway's version, as its package says. */
const version = (): string => (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

export function apiDocs(app: Express): void {
  const document = JSON.stringify(openApiDocument(version()));
  // As the public routes: literals match exactly, and no path ends in '/'.
  const router = Router({ caseSensitive: true, strict: true });
  router.get('/openapi.json', (_req, res) =>
    send(res, { type: 'application/json; charset=utf-8', body: document }, "default-src 'none'; frame-ancestors 'none'", 'no-cache'),
  );
  for (const [path, asset] of Object.entries(assets())) router.get(path, (_req, res) => send(res, asset, DOCS_POLICY, 'no-cache'));
  app.use(router);
}
