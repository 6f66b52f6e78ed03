import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict.js'

/**
 * Words that say nothing about what people want: function words, pronouns, hedges and the verbs every
 * answer uses ("希望", "需要", "可以"). Written for short survey answers; single characters are dropped anyway.
 */
export const STOP_WORDS = new Set(
  `的 了 和 与 及 或 是 在 有 也 都 就 而 但 还 很 更 最 太 又 再 对 把 被 让 给 从 向 到 为 以 于 之 其 这 那
  一些 一下 一点 一个 一起 一般 一直 我们 你们 他们 她们 大家 自己 我 你 他 她 它 本人 咱们 这个 那个 这些 那些 这样 那样
  什么 怎么 怎样 如何 为什么 哪些 哪里 多少 可以 可能 能够 应该 需要 希望 想要 想 要 能 会 愿意 觉得 认为 感觉 建议 期待 期望
  比较 非常 特别 十分 有点 有些 稍微 一定 经常 常常 偶尔 多多 更多 很多 许多 较多 较少 其他 其它 以及 还有 或者 而且 并且 因为
  所以 如果 虽然 但是 然后 另外 此外 同时 目前 现在 以后 之后 以前 时候 方面 情况 问题 没有 不是 不要 不能 不会 已经 还是 就是
  可是 只是 比如 例如 等等 之类 相关 有关 进行 开展 举办 组织 提供 增加 加强 提高 多些 多点 能否 是否 谢谢 无 暂无 没 没什么
  社区 活动 服务`
    .split(/\s+/)
    .filter(Boolean),
)

let jieba: Jieba | null = null
/** Loading the dictionary takes a moment; done once, on first use. */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict)
  return jieba
}

/** The content words of one answer, each once: segmented (precise mode, no HMM), stop words and noise removed. */
export function termsOf(text: string): string[] {
  const out = new Set<string>()
  for (const raw of segmenter().cut(text, false)) {
    const w = raw.trim()
    if ([...w].length < 2) continue
    if (!/\p{Script=Han}|[A-Za-z]{2,}/u.test(w)) continue
    if (/^[\d.]+$/.test(w)) continue
    if (STOP_WORDS.has(w)) continue
    out.add(w.toLowerCase())
  }
  return [...out]
}

/** The most frequent terms (by answers containing them) and, for each, the answers behind it. */
export function topTerms(texts: string[], top: number, answersPerTerm = 20) {
  const byTerm = new Map<string, string[]>()
  for (const text of texts) {
    for (const term of termsOf(text)) {
      const list = byTerm.get(term)
      if (list) list.push(text)
      else byTerm.set(term, [text])
    }
  }
  return [...byTerm.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0], 'zh-CN'))
    .slice(0, top)
    .map(([term, answers]) => ({ term, count: answers.length, answers: answers.slice(0, answersPerTerm) }))
}
