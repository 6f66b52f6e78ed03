import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../test/helpers.ts'
import errorsPlugin from './errors.ts'
import { registerWeb } from './web.ts'

// A built web app in miniature: a hashed chunk with its precompressed twins (as the build writes them), an
// index.html with its own, and a file outside /assets without any.
const CHUNK = `export const answer = ${JSON.stringify('同心'.repeat(200))}\n`
const INDEX = `<!doctype html><html><body><div id="root">${'<p>skeleton</p>'.repeat(50)}</div></body></html>`
const IMMUTABLE = 'public, max-age=31536000, immutable'

let dist: string
let app: FastifyInstance
beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'tongxin-web-'))
  await mkdir(path.join(dist, 'assets'))
  const put = async (name: string, body: string) => {
    await writeFile(path.join(dist, name), body)
    await writeFile(path.join(dist, `${name}.br`), brotliCompressSync(body))
    await writeFile(path.join(dist, `${name}.gz`), gzipSync(body))
  }
  await put('assets/index-AbC123xy.js', CHUNK)
  await put('index.html', INDEX)
  await writeFile(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  app = Fastify({ logger: false })
  await app.register(errorsPlugin)
  await registerWeb(app, true, dist)
  await app.ready()
})
afterAll(async () => {
  await app?.close()
  await rm(dist, { recursive: true, force: true })
})

const get = (url: string, acceptEncoding?: string) =>
  app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} })

const varies = (header: unknown) =>
  String(header ?? '')
    .toLowerCase()
    .split(/\s*,\s*/)
    .includes('accept-encoding')

describe('hashed assets', () => {
  it('brotli when the browser accepts it, cached for a year as immutable', async () => {
    const res = await get('/assets/index-AbC123xy.js', 'gzip, deflate, br')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(varies(res.headers.vary)).toBe(true)
    expect(res.headers['content-type']).toMatch(/javascript/)
    expect(res.headers['cache-control']).toBe(IMMUTABLE)
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(CHUNK))
    expect(res.rawPayload.length).toBe(Number(res.headers['content-length']))
  })

  it('gzip when brotli is not accepted', async () => {
    const res = await get('/assets/index-AbC123xy.js', 'gzip')
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(varies(res.headers.vary)).toBe(true)
    expect(res.headers['cache-control']).toBe(IMMUTABLE)
    expect(res.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]))
  })

  it('the plain file when no encoding is accepted, still marked as varying by encoding', async () => {
    for (const accept of [undefined, 'identity']) {
      const res = await get('/assets/index-AbC123xy.js', accept)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-encoding']).toBeUndefined()
      expect(varies(res.headers.vary)).toBe(true)
      expect(res.headers['cache-control']).toBe(IMMUTABLE)
      expect(res.payload).toBe(CHUNK)
    }
  })

  it('a missing chunk is a 404, never index.html under an immutable header', async () => {
    const res = await get('/assets/index-Gone0000.js', 'br')
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).not.toMatch(/html/)
    expect(res.headers['cache-control']).toBe('no-store')
  })
})

describe('index.html and client routes', () => {
  it.each(['/', '/index.html', '/kiosk/waste', '/survey/abc?from=qr'])(
    '%s: index.html, compressed, revalidated on every visit',
    async (url) => {
      const res = await get(url, 'br, gzip')
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
      expect(res.headers['content-encoding']).toBe('br')
      expect(varies(res.headers.vary)).toBe(true)
      expect(res.headers['cache-control']).toBe('no-cache')
      const plain = await get(url)
      expect(plain.payload).toBe(INDEX)
      expect(plain.headers['cache-control']).toBe('no-cache')
    },
  )

  it('files outside /assets are not hashed: revalidated, served as they are when there is no twin', async () => {
    const res = await get('/favicon.svg', 'br, gzip')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  it('API paths stay JSON 404s', async () => {
    const res = await get('/api/nope', 'br')
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'route_not_found' })
  })
})

describe('through the whole app (security headers, request ids, the API cache hook)', () => {
  let full: TestApp
  beforeAll(async () => {
    full = await startTestApp({ webDist: dist })
  })
  afterAll(async () => {
    await full?.close()
  })

  it('keeps the encoding, the caching and the security headers together', async () => {
    const chunk = await full.app.inject({
      method: 'GET',
      url: '/assets/index-AbC123xy.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    })
    expect(chunk.statusCode).toBe(200)
    expect(chunk.headers['content-encoding']).toBe('br')
    expect(varies(chunk.headers.vary)).toBe(true)
    expect(chunk.headers['cache-control']).toBe(IMMUTABLE)
    expect(chunk.headers['x-content-type-options']).toBe('nosniff')

    const page = await full.app.inject({
      method: 'GET',
      url: '/login',
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-encoding']).toBe('gzip')
    expect(page.headers['cache-control']).toBe('no-cache')
    // The skeleton's inline <style> must stay allowed by the policy.
    expect(String(page.headers['content-security-policy'])).toMatch(/style-src[^;]*'unsafe-inline'/)

    const api = await full.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'accept-encoding': 'br' },
    })
    expect(api.headers['cache-control']).toBe('no-store')
  })
})
