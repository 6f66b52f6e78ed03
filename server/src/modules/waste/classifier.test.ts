import { describe, expect, it } from 'vitest'
import { SoftmaxRegression, type TrainingDoc } from './classifier.ts'
import { seedDictionary } from './dictionary/index.ts'

const docs: TrainingDoc[] = seedDictionary().flatMap((e) =>
  [e.name, ...e.aliases].map((text) => ({ text, category: e.category })),
)
const queries = ['三极管', '书法纸', '奶茶杯盖', '旧拖鞋', '鸭骨架', '过期胶囊', '快递泡沫', '榴莲壳']
const probsOf = (model: SoftmaxRegression) => queries.map((q) => model.predict(q).probs)

describe('the guesser’s model does not depend on where an entry sits in the dictionary', () => {
  const model = new SoftmaxRegression(docs, 2)

  it('is the same model when the dictionary is read in reverse', () => {
    expect(probsOf(new SoftmaxRegression([...docs].reverse(), 2))).toEqual(probsOf(model))
  })

  it('is the same model when one entry moves from the end to the start', () => {
    const moved = [docs.at(-1)!, ...docs.slice(0, -1)]
    expect(probsOf(new SoftmaxRegression(moved, 2))).toEqual(probsOf(model))
  })

  it('still learns: a trained name gets its own category', () => {
    const sample = docs.filter((_, i) => i % 97 === 0)
    const right = sample.filter((d) => {
      const { probs } = model.predict(d.text)
      return Object.entries(probs).every(([c, p]) => c === d.category || p <= probs[d.category])
    })
    expect(right.length / sample.length).toBeGreaterThan(0.9)
  })
})
