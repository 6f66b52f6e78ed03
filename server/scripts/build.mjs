#!/usr/bin/env node
// Bundles the server into JavaScript (server/dist/main.mjs and its chunks) for `npm start`: loading the
// TypeScript sources through tsx was most of a restart (bench/README.md). Dependencies stay in node_modules;
// only this repository's own code (server/src, db/demo, packages/contracts) is bundled. Rebuilds only when a
// bundled source, this script or server/package.json differs from what the build saw; `--force` always rebuilds,
// `--outdir <dir>` builds elsewhere (tests; it must be inside server/ so node_modules resolve from it).
import { existsSync, readFileSync, statSync } from 'node:fs'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const outIndex = args.indexOf('--outdir')
const outdir = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : path.join(serverDir, 'dist')
const metaFile = path.join(outdir, 'meta.json')
const entry = path.join(outdir, 'main.mjs')
const say = (line) => console.log(`server: ${line}`)

/** What the build was made from: every bundled file, this script and server/package.json. */
function sourcesOf(inputs) {
  return [
    // Files only: the stand-ins of lazy packages are inputs too ('lazy:exceljs').
    ...Object.keys(inputs).filter((f) => !/^[a-z-]+:/.test(f)),
    path.relative(serverDir, fileURLToPath(import.meta.url)),
    'package.json',
  ]
}

/**
 * Each source's modification time and size as the build saw them. Any difference (not only a newer time)
 * means a rebuild: an unpacked release can carry times older than the build it replaces.
 */
function fingerprint(file) {
  const stat = statSync(path.resolve(serverDir, file))
  return `${stat.mtimeMs}:${stat.size}`
}

function staleReason() {
  if (args.includes('--force')) return 'forced'
  if (!existsSync(entry) || !existsSync(metaFile)) return 'no build yet'
  const { sources } = JSON.parse(readFileSync(metaFile, 'utf8'))
  if (!sources) return 'a build of an older kind'
  for (const [file, seen] of Object.entries(sources)) {
    if (!existsSync(path.resolve(serverDir, file))) return `${file} is gone`
    if (fingerprint(file) !== seen) return `${file} changed`
  }
  return null
}

/**
 * Five modules find files next to their own source (the migrations, web/dist, the areas package, the server
 * directory of the scheduled backup, the import worker): `import.meta.url` in a bundled source becomes that
 * source's own URL, worked out from wherever the chunk lies, so the build can live in any directory.
 */
const sourceUrls = {
  name: 'source-urls',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (file) => {
      if (file.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined
      const text = await readFile(file.path, 'utf8')
      if (/import\.meta\.(dirname|filename)/.test(text))
        throw new Error(`${file.path}: use import.meta.url (the build rewrites it), not dirname/filename`)
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' }
      const relative = path.relative(outdir, file.path).split(path.sep).join('/')
      const url = `new URL(${JSON.stringify(relative)}, import.meta.url).href`
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' }
    })
  },
}

/**
 * Packages a start need not load: ExcelJS (and the zip libraries under it) was 1.5 s of a restart at load ~15
 * (bench/README.md), for imports and exports only. Our code imports it as `import ExcelJS from 'exceljs'`
 * and only reads properties of it, so the bundle gets a stand-in that requires the package on first use.
 */
const LAZY = new Set(['exceljs'])
const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (r) =>
      LAZY.has(r.path) && r.namespace === 'file' && !r.importer.includes(`${path.sep}node_modules${path.sep}`)
        ? { path: r.path, namespace: 'lazy' }
        : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (a) => ({
      loader: 'js',
      contents: `import { createRequire } from 'node:module'
let loaded
const load = () => (loaded ??= createRequire(import.meta.url)(${JSON.stringify(a.path)}))
export default new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => ({ ...Reflect.getOwnPropertyDescriptor(load(), key), configurable: true }),
})`,
    }))
  },
}

/** Packages from node_modules are imported at run time, as they are under tsx; the workspace's contracts are TypeScript, so bundled. */
const dependenciesOutside = {
  name: 'dependencies-outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (r) =>
      r.path.startsWith('@tongxin/') ? undefined : { path: r.path, external: true },
    )
  },
}

const reason = staleReason()
if (!reason) {
  say(`reusing the build in ${path.relative(process.cwd(), outdir) || '.'} (sources unchanged)`)
} else {
  const began = performance.now()
  const startedAt = Date.now()
  // Built beside and swapped in whole, so that a process starting from the old build never sees half of one.
  const staging = `${outdir}.building-${process.pid}`
  await rm(staging, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: serverDir,
    entryPoints: { main: 'src/main.ts' },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [lazyPackages, sourceUrls, dependenciesOutside],
  })
  const sources = {}
  for (const file of sourcesOf(result.metafile.inputs)) {
    // A file edited while the build ran may be in it as it was before: recorded so that the next start rebuilds.
    const edited = statSync(path.resolve(serverDir, file)).mtimeMs >= startedAt
    sources[file] = edited ? 'edited during the build' : fingerprint(file)
  }
  await writeFile(path.join(staging, 'meta.json'), JSON.stringify({ sources }))
  await rm(outdir, { recursive: true, force: true })
  await rename(staging, outdir)
  say(
    `built ${path.relative(process.cwd(), outdir) || '.'} (${reason}) in ${((performance.now() - began) / 1000).toFixed(1)} s`,
  )
}
