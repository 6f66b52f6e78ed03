import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { AppError } from '../lib/errors.ts'

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist')

// Vite names every file under assets/ by a hash of its content: a new release gets new names, so browsers
// may keep these for a year without asking. Everything else (index.html, favicon) keeps its name across
// releases and is revalidated on every visit (ETag / Last-Modified make that a 304 when unchanged).
const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'

/**
 * Serves the built web app on the API's port; any non-API GET falls back to index.html (client routes).
 * The build writes brotli and gzip twins of every text file (web/build/precompress.ts); they are sent as they
 * are to browsers that accept them, so no request pays for compression and a phone on 4G gets a fifth of the
 * bytes.
 */
export async function registerWeb(app: FastifyInstance, serve: boolean, dist = WEB_DIST) {
  const hasBuild = serve && existsSync(path.join(dist, 'index.html'))
  const assets = path.join(dist, 'assets') + path.sep
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      index: ['index.html'],
      // x.br, then x.gz, by the request's Accept-Encoding; the plain file otherwise.
      preCompressed: true,
      // Ours below instead of send's `public, max-age=0`.
      cacheControl: false,
      setHeaders(res, file) {
        res.setHeader('cache-control', file.startsWith(assets) ? IMMUTABLE : REVALIDATE)
        // One URL, several bodies: caches between here and the browser must key on the encoding.
        res.setHeader('vary', 'accept-encoding')
      },
    })
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? ''
    if (url.startsWith('/api/') || url === '/api' || request.method !== 'GET') {
      throw new AppError('route_not_found', { method: request.method, url: url.slice(0, 200) })
    }
    // A chunk of an older or newer release (a tab left open across a deploy): index.html in its place would
    // be parsed as JavaScript, and a cache could keep it. A 404 lets the page fail visibly and reload.
    if (url.startsWith('/assets/')) {
      reply.header('cache-control', 'no-store')
      throw new AppError('route_not_found', { method: request.method, url: url.slice(0, 200) })
    }
    if (!hasBuild) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built yet: run `npm start` (it builds web/) or `npm run build`.')
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html')
  })
}
