/**
 * Accuracy harness for the garbage-sorting lookup (server/src/modules/waste).
 *
 *   node --import tsx bench/waste-accuracy.ts            # every CSV in ../shared/eval/garbage
 *   node --import tsx bench/waste-accuracy.ts --self 10  # 10-fold cross-validation on our own dictionary
 *
 * The engine is built in-process from the dictionary shipped with the code; no database. The evaluation
 * files are read from where they are published and only measured against: nothing from them is copied.
 * `--self` never opens them: it holds out a tenth of our own entries at a time and asks for them, which is
 * what tuning the classifier may look at.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { WASTE_CATEGORIES, type WasteCategory } from '@tongxin/contracts'
import { seedDictionary } from '../server/src/modules/waste/dictionary/index.ts'
import { type EngineItem, type LookupOutcome, WasteEngine } from '../server/src/modules/waste/engine.ts'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const EVAL_DIR = path.resolve(HERE, '../../shared/eval/garbage')

const FROM_ZH: Record<string, WasteCategory> = {
  可回收物: 'recyclable',
  有害垃圾: 'hazardous',
  湿垃圾: 'wet',
  干垃圾: 'dry',
}
const SHORT: Record<WasteCategory, string> = {
  recyclable: 'recycl',
  hazardous: 'hazard',
  wet: 'wet',
  dry: 'dry',
}

interface Row {
  name: string
  category: WasteCategory
}

/** `name,category` with RFC 4180 quoting (Python's csv quotes only when needed). */
function readCsv(file: string): Row[] {
  const text = readFileSync(file, 'utf8')
  const rows: string[][] = []
  let field = ''
  let row: string[] = []
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field || row.length) rows.push([...row, field])
  const [header, ...body] = rows
  if (header?.join(',') !== 'name,category') throw new Error(`${file}: unexpected header ${header}`)
  return body
    .filter((r) => r.length === 2 && r[0])
    .map(([name, zh]) => {
      const category = FROM_ZH[zh!]
      if (!category) throw new Error(`${file}: unknown category ${zh}`)
      return { name: name!, category }
    })
}

type Way = 'dictionary' | 'match' | 'guess' | 'unknown'
const WAYS: Way[] = ['dictionary', 'match', 'guess', 'unknown']

interface Tally {
  total: number
  right: number
  byWay: Record<Way, { n: number; right: number }>
  byCategory: Record<WasteCategory, { n: number; right: number }>
  /** confusion[truth][answer]; a "don't know" is its own column. */
  confusion: Record<WasteCategory, Record<WasteCategory | 'unknown', number>>
  /** Guesses by confidence band (0.4–0.5, …): how far the confidence can be trusted. */
  bands: Array<{ n: number; right: number }>
  /** Near matches by how they matched (typo, homophone…). */
  byForm: Record<string, { n: number; right: number }>
}

function newTally(): Tally {
  const perCat = <T>(f: () => T) =>
    Object.fromEntries(WASTE_CATEGORIES.map((c) => [c, f()])) as Record<WasteCategory, T>
  return {
    total: 0,
    right: 0,
    byWay: Object.fromEntries(WAYS.map((w) => [w, { n: 0, right: 0 }])) as Tally['byWay'],
    byCategory: perCat(() => ({ n: 0, right: 0 })),
    confusion: perCat(() => ({ recyclable: 0, hazardous: 0, wet: 0, dry: 0, unknown: 0 })),
    byForm: {},
    bands: Array.from({ length: 11 }, () => ({ n: 0, right: 0 })),
  }
}

function record(t: Tally, truth: WasteCategory, outcome: LookupOutcome) {
  const way: Way = outcome.answer?.via ?? 'unknown'
  const answer = outcome.answer?.category ?? 'unknown'
  const ok = answer === truth
  t.total++
  t.byWay[way].n++
  t.byCategory[truth].n++
  t.confusion[truth][answer]++
  if (way === 'guess' && outcome.guess) {
    const band = t.bands[Math.floor(outcome.guess.confidence * 10)]!
    band.n++
    if (ok) band.right++
  }
  if (way === 'match') {
    const form = outcome.results[0]?.matched.form ?? '?'
    t.byForm[form] ??= { n: 0, right: 0 }
    t.byForm[form].n++
    if (ok) t.byForm[form].right++
  }
  if (ok) {
    t.right++
    t.byWay[way].right++
    t.byCategory[truth].right++
  }
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—')

function report(title: string, t: Tally) {
  console.log(`\n## ${title}: ${t.total} names`)
  console.log(`accuracy ${pct(t.right, t.total)} (${t.right}/${t.total})`)
  console.log(
    `per category: ${WASTE_CATEGORIES.map((c) => `${c} ${pct(t.byCategory[c].right, t.byCategory[c].n)}`).join(', ')}`,
  )
  for (const w of WAYS) {
    const { n, right } = t.byWay[w]
    const acc = w === 'unknown' ? '' : `, ${pct(right, n)} right`
    console.log(`  ${w.padEnd(10)} ${String(n).padStart(5)} (${pct(n, t.total)} of queries${acc})`)
    if (w === 'match') {
      for (const [form, f] of Object.entries(t.byForm))
        console.log(`    by ${form}: ${f.n}, ${pct(f.right, f.n)} right`)
    }
  }
  const guessed = t.byWay.guess.n + t.byWay.unknown.n
  console.log(
    `guess accuracy alone ${pct(t.byWay.guess.right, t.byWay.guess.n)}; counting "don't know" as wrong ${pct(t.byWay.guess.right, guessed)}`,
  )
  const bands = t.bands
    .map((b, i) =>
      b.n
        ? `${i === 10 ? '≥0.995' : `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`}: ${pct(b.right, b.n)} of ${b.n}`
        : '',
    )
    .filter(Boolean)
  console.log(`guesses by confidence: ${bands.join(' · ')}`)
  const cols = [...WASTE_CATEGORIES, 'unknown'] as const
  console.log(
    `confusion (rows: truth, columns: answer)\n${'truth'.padEnd(8)}${cols.map((c) => (c === 'unknown' ? '?' : SHORT[c]).padStart(8)).join('')}`,
  )
  for (const r of WASTE_CATEGORIES)
    console.log(`${SHORT[r].padEnd(8)}${cols.map((c) => String(t.confusion[r][c]).padStart(8)).join('')}`)
}

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
}

function dictionaryItems(): EngineItem[] {
  return seedDictionary().map((e, i) => ({ id: i + 1, ...e }))
}

function runEvalSets() {
  const started = performance.now()
  const engine = new WasteEngine(dictionaryItems())
  console.log(
    `# Waste lookup accuracy\nengine built from ${engine.items.length} entries in ${(performance.now() - started).toFixed(0)} ms`,
  )
  // Warm the JIT on our own names first, so the figures are about lookups rather than compilation.
  for (const item of engine.items) engine.lookup(item.name)
  const files = readdirSync(EVAL_DIR)
    .filter((f) => f.endsWith('.csv'))
    .sort()
  const latencies: number[] = []
  const bestOf3: number[] = []
  const time = (q: string) => {
    const t0 = process.hrtime.bigint()
    const outcome = engine.lookup(q)
    return { outcome, us: Number(process.hrtime.bigint() - t0) / 1000 }
  }
  for (const file of files) {
    const rows = readCsv(path.join(EVAL_DIR, file))
    const tally = newTally()
    for (const row of rows) {
      const first = time(row.name)
      latencies.push(first.us)
      // The same query twice more: the minimum is the lookup's own cost, without the scheduler's pauses
      // (other processes share the 2 cores).
      bestOf3.push(Math.min(first.us, time(row.name).us, time(row.name).us))
      record(tally, row.category, first.outcome)
    }
    report(
      file + (file.startsWith('cn_') ? ' (national rules, not Shanghai: reported, not tuned for)' : ''),
      tally,
    )
  }
  const line = (label: string, xs: number[]) => {
    xs.sort((a, b) => a - b)
    const q = (p: number) => quantile(xs, p).toFixed(1)
    console.log(
      `${label}: p50 ${q(0.5)} µs, p90 ${q(0.9)} µs, p99 ${q(0.99)} µs, max ${xs.at(-1)?.toFixed(0)} µs`,
    )
  }
  console.log(
    `\nlatency over ${latencies.length} lookups (load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)`,
  )
  line('  first pass, wall clock', latencies)
  line('  best of 3 per query   ', bestOf3)
}

/** k-fold cross-validation on our own dictionary: each entry is asked for by an engine that lacks it. */
function runSelf(folds: number) {
  const items = dictionaryItems()
  const tally = newTally()
  for (let f = 0; f < folds; f++) {
    const held = items.filter((_, i) => i % folds === f)
    const engine = new WasteEngine(items.filter((_, i) => i % folds !== f))
    for (const item of held) record(tally, item.category, engine.lookup(item.name))
  }
  report(`${folds}-fold cross-validation on our own ${items.length} entries`, tally)
}

const selfAt = process.argv.indexOf('--self')
if (selfAt >= 0) runSelf(Number(process.argv[selfAt + 1] ?? 10) || 10)
else runEvalSets()
