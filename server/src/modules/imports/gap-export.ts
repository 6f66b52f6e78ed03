import { PassThrough } from 'node:stream'
import type { GapRule } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { listGaps } from '../coverage/gaps.service.ts'
import { addSheet, streamedBook } from './exports.ts'

const ENTITY_LABELS: Record<string, string> = {
  unit: '单位',
  party_org: '党组织',
  building: '楼宇',
  person: '党员',
}

/**
 * The gap list as a workbook for the office's follow-up meeting: every departure with its rule, the row and
 * the proposed action (which states the facts behind it), worded in Chinese like the page. Same rows as `GET /api/gaps`,
 * walked with its cursor.
 */
export async function exportGaps(
  ctx: AppContext,
  request: FastifyRequest,
  query: { area?: string; rule?: GapRule },
) {
  // Fails here, before any byte is sent, when the area is unknown.
  const first = await listGaps(ctx, 'zh-CN', { ...query, limit: 500 })
  await writeAudit(ctx.db, request, {
    action: 'export.gaps',
    entity: 'gap',
    detail: { area: query.area ?? null, rule: query.rule ?? null },
  })
  const out = new PassThrough()
  const wb = streamedBook(out)
  const sheet = addSheet(wb, '问题清单', [
    { header: '规则', width: 40 },
    { header: '对象类型', width: 10 },
    { header: '名称', width: 30 },
    { header: '区划代码', width: 12 },
    { header: '情况与建议措施', width: 60 },
  ])
  const write = async () => {
    let page = first
    for (;;) {
      for (const g of page.items)
        sheet.addRow([g.ruleText, ENTITY_LABELS[g.entity] ?? g.entity, g.name, g.areaCode, g.action]).commit()
      if (!page.nextCursor) break
      page = await listGaps(ctx, 'zh-CN', { ...query, cursor: page.nextCursor, limit: 500 })
    }
    sheet.commit()
    await wb.commit()
  }
  write().catch((err) => {
    request.log.error({ err }, 'gap export failed')
    out.destroy(err)
  })
  return out
}
