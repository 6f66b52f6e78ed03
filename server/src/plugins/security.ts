import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import helmet, { type HelmetOptions } from 'helmet'

const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      // Ant Design injects its CSS-in-JS as <style> elements at run time.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      scriptSrc: ["'self'"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      // Plain-http deployments on a LAN must still load their own scripts.
      upgradeInsecureRequests: null,
    },
  },
  // The API docs page loads its own inline assets; keep it working while the rest stays strict.
  crossOriginEmbedderPolicy: false,
}

/**
 * helmet's headers depend on the options only, never on the request, so they are worked out once here.
 * (@fastify/helmet rebuilt the middleware — parsing the whole policy — on every request: 5 % of the CPU
 * of an authenticated read in bench/http.ts.)
 */
export function securityHeaders(options: HelmetOptions = OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {}
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()]
    },
  }
  helmet(options)({} as never, res as never, (err?: unknown) => {
    if (err) throw err
  })
  return headers
}

async function securityPlugin(app: FastifyInstance) {
  const headers = securityHeaders()
  // onRequest, as the middleware did: a route that sets its own (the docs page's policy) still wins.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers)
    done()
  })
}

export default fp(securityPlugin, { name: 'security' })
