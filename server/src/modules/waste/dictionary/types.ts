import type { WasteCategory } from '@tongxin/contracts'

/**
 * A group of items that share a category and a reason. `items` is written as text so that a few thousand
 * entries stay readable: entries are separated by whitespace, and `|` separates a name from its aliases
 * (`马铃薯|土豆|洋芋`). An item that needs its own hint goes in a group of its own with `disposal`.
 */
export interface Group {
  category: WasteCategory
  reason: string
  disposal?: string
  items: string
}

export interface SeedEntry {
  name: string
  category: WasteCategory
  aliases: string[]
  reason: string
  disposal: string | null
}

export function expandGroups(groups: readonly Group[]): SeedEntry[] {
  const out: SeedEntry[] = []
  for (const g of groups) {
    for (const token of g.items.split(/\s+/)) {
      if (!token) continue
      const [name, ...aliases] = token.split('|')
      out.push({
        name: name!,
        category: g.category,
        aliases: aliases.filter(Boolean),
        reason: g.reason,
        disposal: g.disposal ?? null,
      })
    }
  }
  return out
}
