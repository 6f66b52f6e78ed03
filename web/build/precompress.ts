import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Plugin } from 'vite'

const brotli = promisify(brotliCompress)
const gz = promisify(gzip)
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/
// Below this a compressed twin saves less than its response headers cost.
const MIN_BYTES = 1024

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    // .vite/ holds the build manifest, read by the budget check and never served.
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) yield* files(full)
    } else yield full
  }
}

/** Brotli (quality 11) of `data`: what the build writes and what the bundle budget counts. */
export function brotliOf(data: Buffer): Promise<Buffer> {
  return brotli(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  })
}

export function gzipOf(data: Buffer): Promise<Buffer> {
  return gz(data, { level: constants.Z_BEST_COMPRESSION })
}

/**
 * Writes `x.br` and `x.gz` next to every text file of the build, once, at build time: the server sends them
 * as they are (@fastify/static `preCompressed`) instead of compressing on every request or not at all.
 * A twin is kept only when it is smaller than the file.
 */
export function precompress(): Plugin {
  let outDir = 'dist'
  return {
    name: 'tongxin:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    async closeBundle() {
      const jobs: Promise<void>[] = []
      for await (const file of files(outDir)) {
        if (!COMPRESSIBLE.test(file) || (await stat(file)).size < MIN_BYTES) continue
        jobs.push(
          (async () => {
            const data = await readFile(file)
            const [br, gzipped] = await Promise.all([brotliOf(data), gzipOf(data)])
            if (br.length < data.length) await writeFile(`${file}.br`, br)
            if (gzipped.length < data.length) await writeFile(`${file}.gz`, gzipped)
          })(),
        )
      }
      await Promise.all(jobs)
    },
  }
}
