import { defineConfig } from 'vite';

// The storefront, built into the gateway's dist/web and served by the gateway itself:
// no CDN, no inline script or style (its Content-Security-Policy allows neither).
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    // One small module script and one stylesheet: no preload polyfill (it would be inline).
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
