/**
 * The static files every page uses — the stylesheet, htmx (from its npm package, never a CDN),
 * the live meeting's script and the typeface — read once at start and served from memory.
 * Paths are fixed: nothing a user sends picks a file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { WEB_TEMPLATES_DIR } from '../views.ts';

const require = createRequire(import.meta.url);

interface Asset {
  path: string;
  type: string;
  file: string;
}

function assets(): Asset[] {
  const fonts = join(
    require.resolve('@fontsource/atkinson-hyperlegible/package.json'),
    '..',
    'files',
  );
  return [
    {
      path: '/assets/web.css',
      type: 'text/css; charset=utf-8',
      file: join(WEB_TEMPLATES_DIR, 'web.css'),
    },
    {
      path: '/assets/live.js',
      type: 'text/javascript; charset=utf-8',
      file: join(WEB_TEMPLATES_DIR, 'live.js'),
    },
    {
      path: '/assets/htmx.min.js',
      type: 'text/javascript; charset=utf-8',
      file: require.resolve('htmx.org/dist/htmx.min.js'),
    },
    {
      path: '/assets/atkinson-400.woff2',
      type: 'font/woff2',
      file: join(fonts, 'atkinson-hyperlegible-latin-400-normal.woff2'),
    },
    {
      path: '/assets/atkinson-700.woff2',
      type: 'font/woff2',
      file: join(fonts, 'atkinson-hyperlegible-latin-700-normal.woff2'),
    },
  ];
}

export function registerAssetRoutes(app: FastifyInstance): void {
  for (const asset of assets()) {
    const bytes = readFileSync(asset.file);
    app.get(asset.path, { config: { access: 'public' } }, async (_request, reply) =>
      reply.header('Cache-Control', 'private, max-age=3600').type(asset.type).send(bytes),
    );
  }
}
