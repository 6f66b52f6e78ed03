import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { AppError } from '../lib/errors.ts'

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist')

/** Serves the built web app on the API's port; any non-API GET falls back to index.html (client routes). */
export async function registerWeb(app: FastifyInstance, serve: boolean, dist = WEB_DIST) {
  const hasBuild = serve && existsSync(path.join(dist, 'index.html'))
  if (hasBuild) {
    await app.register(fastifyStatic, { root: dist, wildcard: false, index: ['index.html'] })
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? ''
    if (url.startsWith('/api/') || url === '/api' || request.method !== 'GET') {
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
