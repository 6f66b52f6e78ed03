#!/usr/bin/env node
// Byte budgets of the web bundle, checked from the build output (deterministic: no browser, no network).
// For each page it walks Vite's manifest (web/dist/.vite/manifest.json) from index.html and the page's lazy
// modules along their static imports — what the browser fetches before the page can show anything — sums
// the JavaScript raw, gzip (level 9) and brotli (quality 11), prints a table and exits 1 when a page is over.
// The budget is on gzip: browsers offer brotli over HTTPS only, so gzip is what a plain-HTTP site sends.
//   npm run build && npm run budget         (or: node scripts/check-bundle-budget.mjs <dist dir>)
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const KB = 1000

/**
 * What a page loads on first paint: index.html (the shell: React, router, providers) plus the lazy modules the
 * page renders at once. Keys are source paths relative to web/, as in the manifest.
 */
export const PAGES = [
  { name: 'kiosk (/kiosk/waste)', budgetKB: 250, modules: ['src/features/waste/KioskPage.tsx'] },
  { name: 'survey (/survey/:slug)', budgetKB: 250, modules: ['src/features/surveys/AnswerPage.tsx'] },
  { name: 'QR content (/listen/:slug)', budgetKB: 250, modules: ['src/features/surveys/ListenPage.tsx'] },
  { name: 'login (/login)', budgetKB: 250, modules: ['src/features/auth/LoginPage.tsx'] },
  { name: 'sign-up (/join)', budgetKB: 250, modules: ['src/features/accounts/SignupPage.tsx'] },
  {
    name: 'letter check (/verify-letter)',
    budgetKB: 250,
    modules: ['src/i18n/orglife.ts', 'src/features/orglife/VerifyLetterPage.tsx'],
  },
  { name: 'waste board (/board/waste/:id)', budgetKB: 250, modules: ['src/features/waste/BoardPage.tsx'] },
  { name: 'waste quiz (/quiz/waste)', budgetKB: 250, modules: ['src/features/waste/QuizPage.tsx'] },
  { name: 'brand (/brand/:id)', budgetKB: 250, modules: ['src/features/enterprise/BrandPublicPage.tsx'] },
  {
    name: 'wish wall (/wishes/wall)',
    budgetKB: 250,
    modules: ['src/i18n/wishes.ts', 'src/features/exchange/WishWallPage.tsx'],
  },
  {
    name: 'desk (/ signed in)',
    budgetKB: 700,
    modules: ['src/app/Desk.tsx', 'src/features/home/HomePage.tsx'],
  },
]

/**
 * The manifest key of a source module. A lazy page has its own key unless another chunk imports it statically
 * too (the kiosk's legend is reused by the waste board); Rollup then makes it a shared chunk named after the
 * module, keyed `_KioskPage-<hash>.js`, which is still what the route's import() loads.
 */
export function keyOf(manifest, source) {
  if (manifest[source]) return source
  const base = source
    .split('/')
    .pop()
    .replace(/\.[jt]sx?$/, '')
  const shared = Object.keys(manifest).filter((key) => new RegExp(`^_${base}-[\\w-]+\\.js$`).test(key))
  if (shared.length === 1) return shared[0]
  throw new Error(
    `${source} is not in the build manifest${shared.length > 1 ? ` (ambiguous: ${shared.join(', ')})` : ''}`,
  )
}

/**
 * The chunks fetched for `sources` and everything they import statically (dynamic imports load later, on
 * demand). Throws on a module the manifest does not know: a renamed page must not pass by vanishing.
 */
export function firstLoad(manifest, sources) {
  const js = new Set()
  const css = new Set()
  const visit = (key, from) => {
    const chunk = manifest[key]
    if (!chunk) throw new Error(`${key}${from ? ` (imported by ${from})` : ''} is not in the build manifest`)
    if (js.has(chunk.file)) return
    if (chunk.file.endsWith('.js')) js.add(chunk.file)
    for (const file of chunk.css ?? []) css.add(file)
    for (const next of chunk.imports ?? []) visit(next, key)
  }
  for (const source of sources) visit(keyOf(manifest, source))
  return { js: [...js], css: [...css] }
}

function sizesOf(read, files, cache) {
  let raw = 0
  let gzip = 0
  let brotli = 0
  for (const file of files) {
    let sizes = cache.get(file)
    if (!sizes) {
      const data = read(file)
      sizes = {
        raw: data.length,
        gzip: gzipSync(data, { level: 9 }).length,
        brotli: brotliCompressSync(data, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
        }).length,
      }
      cache.set(file, sizes)
    }
    raw += sizes.raw
    gzip += sizes.gzip
    brotli += sizes.brotli
  }
  return { raw, gzip, brotli }
}

/** One row per page with its sizes and whether it fits; `read(file)` gives a built file's bytes. */
export function checkBudgets(manifest, read, pages = PAGES) {
  const cache = new Map()
  return pages.map((page) => {
    const { js, css } = firstLoad(manifest, ['index.html', ...page.modules])
    const sizes = sizesOf(read, js, cache)
    return { ...page, files: js.length, css: css.length, ...sizes, ok: sizes.gzip <= page.budgetKB * KB }
  })
}

function main() {
  // An optional argument names another build directory (e.g. one built with a different config).
  const dist = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist')
  const manifestPath = join(dist, '.vite', 'manifest.json')
  if (!existsSync(manifestPath)) {
    console.error(`no build manifest at ${manifestPath}: run \`npm run build\` first`)
    process.exit(2)
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  const rows = checkBudgets(manifest, (file) => readFileSync(join(dist, file)))
  const kb = (bytes) => `${(bytes / KB).toFixed(1)} kB`
  console.log('JavaScript loaded before first paint (kB = 1000 bytes; budget on gzip)')
  console.log('| page | JS files | raw | gzip | brotli | budget | |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |')
  for (const r of rows) {
    const verdict = r.ok ? 'ok' : `OVER by ${kb(r.gzip - r.budgetKB * KB)}`
    console.log(
      `| ${r.name} | ${r.files} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} | ${r.budgetKB} kB | ${verdict} |`,
    )
  }
  const over = rows.filter((r) => !r.ok)
  if (over.length > 0) {
    console.error(`\nbundle budget exceeded: ${over.map((r) => r.name).join(', ')}`)
    process.exit(1)
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
