// node --test scripts/check-bundle-budget.test.mjs
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'
import { checkBudgets, firstLoad } from './check-bundle-budget.mjs'

// A manifest as Vite writes it: index.html's entry imports the shared React chunk; the kiosk is a lazy
// module importing a shared antd piece; the desk layout imports the menu and lazily the charts.
const manifest = {
  'index.html': {
    file: 'assets/index-1.js',
    isEntry: true,
    imports: ['_react-1.js'],
    dynamicImports: ['src/Kiosk.tsx', 'src/Layout.tsx'],
    css: ['assets/index-1.css'],
  },
  '_react-1.js': { file: 'assets/react-1.js' },
  '_button-1.js': { file: 'assets/button-1.js', imports: ['_react-1.js'] },
  '_menu-1.js': { file: 'assets/menu-1.js', imports: ['_button-1.js'] },
  'src/Kiosk.tsx': {
    file: 'assets/Kiosk-1.js',
    isDynamicEntry: true,
    imports: ['_button-1.js', '_react-1.js'],
  },
  'src/Layout.tsx': {
    file: 'assets/Layout-1.js',
    isDynamicEntry: true,
    imports: ['_menu-1.js'],
    dynamicImports: ['src/Charts.tsx'],
  },
  'src/Charts.tsx': { file: 'assets/Charts-1.js', isDynamicEntry: true, imports: ['_echarts-1.js'] },
  '_echarts-1.js': { file: 'assets/echarts-1.js' },
  // Imported lazily by its route and statically by another page: a shared chunk, keyed by its file name.
  '_Board-1.js': { file: 'assets/Board-1.js', imports: ['_button-1.js'] },
}

test('follows static imports once each, never dynamic ones', () => {
  assert.deepEqual(firstLoad(manifest, ['index.html', 'src/Kiosk.tsx']).js.sort(), [
    'assets/Kiosk-1.js',
    'assets/button-1.js',
    'assets/index-1.js',
    'assets/react-1.js',
  ])
  const desk = firstLoad(manifest, ['index.html', 'src/Layout.tsx'])
  assert.deepEqual(desk.js.sort(), [
    'assets/Layout-1.js',
    'assets/button-1.js',
    'assets/index-1.js',
    'assets/menu-1.js',
    'assets/react-1.js',
  ])
  assert.deepEqual(desk.css, ['assets/index-1.css'])
})

test('a lazy module that became a shared chunk is found by its name', () => {
  assert.deepEqual(firstLoad(manifest, ['src/features/x/Board.tsx']).js.sort(), [
    'assets/Board-1.js',
    'assets/button-1.js',
    'assets/react-1.js',
  ])
  assert.throws(
    () => firstLoad({ ...manifest, '_Board-2.js': { file: 'b2.js' } }, ['src/Board.tsx']),
    /ambiguous: _Board-1\.js, _Board-2\.js/,
  )
})

test('a page whose module is missing from the manifest is an error, not a pass', () => {
  assert.throws(() => firstLoad(manifest, ['index.html', 'src/Renamed.tsx']), /src\/Renamed\.tsx/)
  assert.throws(
    () => firstLoad({ 'index.html': { file: 'a.js', imports: ['_gone.js'] } }, ['index.html']),
    /_gone\.js \(imported by index\.html\)/,
  )
})

test('sums gzip sizes against the budget', () => {
  // Incompressible bytes (SHA-256 in counter mode, so the same on every run): gzip sizes stay near raw sizes.
  const noise = (n) => {
    const blocks = []
    for (let i = 0; i * 32 < n; i++) blocks.push(createHash('sha256').update(String(i)).digest())
    return Buffer.concat(blocks).subarray(0, n)
  }
  const bytes = { 'assets/index-1.js': 40_000, 'assets/react-1.js': 50_000, 'assets/button-1.js': 30_000 }
  const read = (file) => noise(bytes[file] ?? 1_000)
  const pages = [
    { name: 'fits', budgetKB: 200, modules: ['src/Kiosk.tsx'] },
    { name: 'over', budgetKB: 100, modules: ['src/Kiosk.tsx'] },
  ]
  const [fits, over] = checkBudgets(manifest, read, pages)
  assert.equal(fits.files, 4)
  assert.equal(fits.raw, 121_000)
  assert.ok(fits.gzip > 120_000 && fits.gzip < 122_000, `gzip ${fits.gzip}`)
  assert.equal(fits.ok, true)
  assert.equal(over.ok, false)
})
