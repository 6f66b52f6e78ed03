import type {
  WasteItem,
  WasteItemInput,
  WasteItemListQuery,
  WasteItemUpdate,
  WasteLookupResult,
  WasteMiss,
} from '@tongxin/contracts'
import type { FastifyBaseLogger, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { decodeCursor, pageOf } from '../../lib/cursor.ts'
import { AppError } from '../../lib/errors.ts'
import { searchText } from '../../lib/pinyin.ts'
import { coreDb, type WasteDB, wasteDb } from './db.ts'
import { WasteEngine } from './engine.ts'
import { hasControlCharacters, normalise } from './normalise.ts'
import * as repo from './repository.ts'

/** How often an instance asks the database whether someone (maybe another instance) changed the dictionary. */
export const REVISION_CHECK_MS = 3_000

const MISS_MAX_CHARS = 20

const WHAT = { 'zh-CN': '垃圾分类词条', 'en-US': 'Waste item' }
const invalid = (zh: string, en: string) =>
  new AppError('validation_failed', { reason: { 'zh-CN': zh, 'en-US': en } })

function toItem(r: repo.ItemRow): WasteItem {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    category: r.category as WasteItem['category'],
    aliases: r.aliases,
    reason: r.reason,
    disposal: r.disposal,
    source: r.seed_name === null ? 'staff' : 'seed',
    updatedAt: r.updated_at.toISOString(),
  }
}

/**
 * The lookup and the staff side of the dictionary. One per app: it keeps the in-memory engine and rebuilds
 * it when the dictionary's revision moves, whether this instance or another one made the change.
 */
export class WasteService {
  private readonly db: WasteDB
  private engine: WasteEngine | null = null
  private revision = -1
  private checkedAt = 0
  private pending: Promise<WasteEngine> | null = null

  constructor(private readonly ctx: AppContext) {
    this.db = wasteDb(ctx.db)
  }

  /** The current engine; reads the revision at most every few seconds and rebuilds only when it moved. */
  async current(): Promise<WasteEngine> {
    const now = this.ctx.clock.now().getTime()
    if (this.engine && now - this.checkedAt < REVISION_CHECK_MS) return this.engine
    this.pending ??= this.refresh(now).finally(() => {
      this.pending = null
    })
    return this.pending
  }

  private async refresh(now: number): Promise<WasteEngine> {
    const revision = await repo.currentRevision(this.db)
    if (!this.engine || revision !== this.revision) {
      const loaded = await repo.loadDictionary(this.db)
      this.engine = new WasteEngine(loaded.items)
      this.revision = loaded.revision
    }
    this.checkedAt = now
    return this.engine
  }

  /** Forces the next lookup to re-read the revision (after a change made here). */
  private invalidate() {
    this.checkedAt = 0
  }

  async lookup(raw: string, log: FastifyBaseLogger): Promise<WasteLookupResult> {
    if (hasControlCharacters(raw)) {
      throw invalid('查询内容不能包含控制字符', 'q must not contain control characters')
    }
    const query = normalise(raw)
    if (!query) throw invalid('请输入要查询的物品名称', 'q must name something (letters or characters)')
    const engine = await this.current()
    const { answer, ...result } = engine.lookup(raw)
    // Item names are short; longer text is a sentence or junk and would only bloat the log.
    // Several candidates is an answer of its own (the caller picks one), not a miss.
    if ((!answer || answer.via === 'guess') && !result.ambiguous && [...query].length <= MISS_MAX_CHARS) {
      // Anonymous on purpose: the text people typed, how often and when — nothing about who.
      try {
        await repo.recordMiss(this.db, query)
      } catch (err) {
        // The answer is already there; a lost count is not worth an error page.
        log.warn({ err }, 'waste miss not recorded')
      }
    }
    return result
  }

  async listItems(query: WasteItemListQuery) {
    const limit = query.limit ?? 50
    const q = query.q ? normalise(query.q).replace(/[\\%_]/g, (c) => `\\${c}`) : undefined
    const rows = await repo.listItems(this.db, {
      q: q || undefined,
      category: query.category,
      afterId: query.cursor ? decodeCursor(query.cursor, (x): x is number => Number.isInteger(x)) : undefined,
      limit: limit + 1,
    })
    const { page, nextCursor } = pageOf(rows, limit, (r) => r.id)
    return { items: page.map(toItem), nextCursor }
  }

  async getItem(id: number): Promise<WasteItem> {
    const row = await repo.findItem(this.db, id)
    if (!row) throw new AppError('not_found')
    return toItem(row)
  }

  async createItem(request: FastifyRequest, input: WasteItemInput): Promise<WasteItem> {
    const values = this.columns(input)
    if (await repo.findItemByName(this.db, values.name)) {
      throw new AppError('already_exists', { what: WHAT, key: values.name })
    }
    const id = await this.db.transaction().execute(async (trx) => {
      const id = await repo.insertItem(trx, values, request.principal?.accountId ?? null)
      await this.afterChange(trx, values)
      await writeAudit(coreDb(trx), request, {
        action: 'waste.item.create',
        entity: 'waste_item',
        ids: [id],
        detail: { name: values.name, category: values.category },
      })
      return id
    })
    this.invalidate()
    return this.getItem(id)
  }

  async updateItem(request: FastifyRequest, id: number, input: WasteItemUpdate): Promise<WasteItem> {
    const values = this.columns(input)
    const twin = await repo.findItemByName(this.db, values.name)
    if (twin && twin.id !== id) throw new AppError('already_exists', { what: WHAT, key: values.name })
    await this.db.transaction().execute(async (trx) => {
      const before = await repo.lockItem(trx, id)
      if (!before) throw new AppError('not_found')
      if (before.version !== input.version)
        throw new AppError('version_conflict', { current: before.version })
      await repo.updateItem(trx, id, values, request.principal?.accountId ?? null)
      await this.afterChange(trx, values)
      await writeAudit(coreDb(trx), request, {
        action: 'waste.item.update',
        entity: 'waste_item',
        ids: [id],
        detail: {
          before: { name: before.name, category: before.category, aliases: before.aliases },
          after: { name: values.name, category: values.category, aliases: values.aliases },
        },
      })
    })
    this.invalidate()
    return this.getItem(id)
  }

  async listMisses(limit: number): Promise<WasteMiss[]> {
    const rows = await repo.listMisses(this.db, limit)
    return rows.map((r) => ({
      query: r.query,
      count: r.count,
      firstSeen: r.first_seen.toISOString(),
      lastSeen: r.last_seen.toISOString(),
    }))
  }

  /** Every change moves the revision (so all instances rebuild) and settles the misses it now answers. */
  private async afterChange(trx: WasteDB, values: repo.ItemValues) {
    await repo.bumpRevision(trx)
    await repo.clearMisses(trx, [values.name, ...values.aliases].map(normalise).filter(Boolean))
  }

  private columns(input: WasteItemInput): repo.ItemValues {
    const clean = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim()
    const texts = [input.name, input.reason, input.disposal ?? '', ...(input.aliases ?? [])]
    if (texts.some(hasControlCharacters)) {
      throw invalid('内容不能包含控制字符', 'texts must not contain control characters')
    }
    const name = clean(input.name)
    if (!normalise(name)) throw invalid('名称须包含文字', 'name must contain letters or characters')
    const aliases = [...new Set((input.aliases ?? []).map(clean).filter((a) => normalise(a) && a !== name))]
    const reason = clean(input.reason)
    if (!reason) throw invalid('请填写分类理由', 'reason must not be blank')
    const disposal = input.disposal ? clean(input.disposal) || null : null
    return {
      name,
      category: input.category,
      aliases,
      reason,
      disposal,
      search_text: searchText(name, ...aliases),
    }
  }
}
