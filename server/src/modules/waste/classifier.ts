import { WASTE_CATEGORIES, type WasteCategory } from '@tongxin/contracts'

/**
 * Multinomial naive Bayes over character n-grams, trained on the dictionary's names and aliases. Chinese
 * compounds put the thing last and its material or use first (塑料|瓶, 奶茶|杯), so the last and first
 * characters get features of their own, weighted up: they carry most of the category.
 */

export interface TrainingDoc {
  text: string
  category: WasteCategory
}

export interface ClassifierOptions {
  /** Additive smoothing per feature. */
  alpha: number
  /** Weight of the edge (head and modifier) features relative to plain n-grams. */
  edgeWeight: number
  /** Divides the log-odds before the softmax: naive Bayes is overconfident because n-grams overlap. */
  temperature: number
}

export const DEFAULT_CLASSIFIER: ClassifierOptions = { alpha: 0.1, edgeWeight: 2, temperature: 3 }

const K = WASTE_CATEGORIES.length

/** 32-bit FNV-1a of a string's UTF-16 units: a cheap, stable hash for ordering training documents. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

function compare(a: TrainingDoc, b: TrainingDoc): number {
  return a.text < b.text
    ? -1
    : a.text > b.text
      ? 1
      : a.category < b.category
        ? -1
        : a.category > b.category
          ? 1
          : 0
}

/** Features with their weights; a plain n-gram counts 1. */
export function features(text: string, edgeWeight: number): Array<[string, number]> {
  const chars = [...text]
  const out: Array<[string, number]> = []
  const padded = ['^', ...chars, '$']
  for (const c of chars) out.push([c, 1])
  for (let i = 0; i + 1 < padded.length; i++) out.push([padded[i]! + padded[i + 1]!, 1])
  for (let i = 0; i + 2 < padded.length; i++) out.push([padded[i]! + padded[i + 1]! + padded[i + 2]!, 1])
  const n = chars.length
  for (let k = 1; k <= Math.min(3, n); k++) out.push([`>${chars.slice(n - k).join('')}`, edgeWeight])
  for (let k = 1; k <= Math.min(2, n); k++) out.push([`<${chars.slice(0, k).join('')}`, edgeWeight / 2])
  return out
}

export interface Prediction {
  probs: Record<WasteCategory, number>
  /** Share of the query's feature weight the training data has seen at all; near 0 means "no idea". */
  coverage: number
}

/**
 * Softmax regression over the same features, trained by a few passes of SGD. Unlike naive Bayes it does
 * not count overlapping n-grams as independent evidence, so its confidences need no temperature.
 */
export class SoftmaxRegression {
  private readonly ids = new Map<string, number>()
  /** Row-major: weights[id * K + category]. */
  private readonly weights: Float64Array
  private readonly bias = new Float64Array(K)

  constructor(
    docs: readonly TrainingDoc[],
    private readonly edgeWeight: number,
    epochs = 5,
    rate = 0.3,
    l2 = 1e-4,
  ) {
    const encoded = docs.map((d) => {
      const f = features(d.text, edgeWeight)
      const idx = Int32Array.from(f, ([name]) => {
        let id = this.ids.get(name)
        if (id === undefined) {
          id = this.ids.size
          this.ids.set(name, id)
        }
        return id
      })
      return { idx, w: Float64Array.from(f, ([, w]) => w), k: WASTE_CATEGORIES.indexOf(d.category) }
    })
    this.weights = new Float64Array(this.ids.size * K)
    // Each pass visits the documents in an order drawn from their own text, never from their positions:
    // adding or moving one dictionary entry then leaves the others' order, and so their guesses, in place.
    const p = new Float64Array(K)
    for (let epoch = 0; epoch < epochs; epoch++) {
      const keys = docs.map((d) => fnv1a(`${epoch}\u0000${d.category}\u0000${d.text}`))
      const order = encoded
        .map((_, i) => i)
        .sort((a, b) => keys[a]! - keys[b]! || compare(docs[a]!, docs[b]!))
      const lr = rate / (1 + epoch)
      for (const n of order) {
        const { idx, w, k } = encoded[n]!
        this.scores(idx, w, p)
        for (let c = 0; c < K; c++) {
          const g = (c === k ? 1 : 0) - p[c]!
          this.bias[c]! += lr * g
          for (let j = 0; j < idx.length; j++) {
            const at = idx[j]! * K + c
            this.weights[at]! += lr * (g * w[j]! - l2 * this.weights[at]!)
          }
        }
      }
    }
  }

  private scores(idx: Int32Array, w: Float64Array, out: Float64Array) {
    for (let c = 0; c < K; c++) out[c] = this.bias[c]!
    for (let j = 0; j < idx.length; j++) {
      const id = idx[j]!
      if (id < 0) continue
      for (let c = 0; c < K; c++) out[c]! += w[j]! * this.weights[id * K + c]!
    }
    let max = -Infinity
    for (let c = 0; c < K; c++) max = Math.max(max, out[c]!)
    let sum = 0
    for (let c = 0; c < K; c++) {
      out[c] = Math.exp(out[c]! - max)
      sum += out[c]!
    }
    for (let c = 0; c < K; c++) out[c]! /= sum
  }

  predict(text: string): Prediction {
    const f = features(text, this.edgeWeight)
    let seen = 0
    let all = 0
    const idx = Int32Array.from(f, ([name, w]) => {
      all += w
      const id = this.ids.get(name)
      if (id === undefined) return -1
      seen += w
      return id
    })
    const p = new Float64Array(K)
    this.scores(
      idx,
      Float64Array.from(f, ([, w]) => w),
      p,
    )
    const probs = Object.fromEntries(WASTE_CATEGORIES.map((c, k) => [c, p[k]!])) as Record<
      WasteCategory,
      number
    >
    return { probs, coverage: all ? seen / all : 0 }
  }
}

export class NaiveBayes {
  private readonly counts = new Map<string, Float64Array>()
  private readonly totals = new Float64Array(K)
  private readonly priors = new Float64Array(K)
  private readonly opts: ClassifierOptions

  constructor(docs: readonly TrainingDoc[], opts: Partial<ClassifierOptions> = {}) {
    this.opts = { ...DEFAULT_CLASSIFIER, ...opts }
    const docCounts = new Float64Array(K)
    for (const doc of docs) {
      const k = WASTE_CATEGORIES.indexOf(doc.category)
      docCounts[k]! += 1
      for (const [f, w] of features(doc.text, this.opts.edgeWeight)) {
        let row = this.counts.get(f)
        if (!row) {
          row = new Float64Array(K)
          this.counts.set(f, row)
        }
        row[k]! += w
        this.totals[k]! += w
      }
    }
    // Priors are flattened towards uniform: the dictionary's mix says what we wrote, not what people ask.
    const total = docs.length || 1
    for (let k = 0; k < K; k++) this.priors[k] = Math.log((docCounts[k]! + total / K) / (2 * total))
  }

  predict(text: string): Prediction {
    const { alpha, edgeWeight, temperature } = this.opts
    const vocab = this.counts.size || 1
    const scores = Float64Array.from(this.priors)
    let seen = 0
    let all = 0
    for (const [f, w] of features(text, edgeWeight)) {
      all += w
      const row = this.counts.get(f)
      if (!row) continue
      seen += w
      for (let k = 0; k < K; k++) {
        scores[k]! += w * Math.log((row[k]! + alpha) / (this.totals[k]! + alpha * vocab))
      }
    }
    const max = Math.max(...scores)
    const exps = Array.from(scores, (s) => Math.exp((s - max) / temperature))
    const sum = exps.reduce((a, b) => a + b, 0)
    const probs = Object.fromEntries(WASTE_CATEGORIES.map((c, k) => [c, exps[k]! / sum])) as Record<
      WasteCategory,
      number
    >
    return { probs, coverage: all ? seen / all : 0 }
  }
}
