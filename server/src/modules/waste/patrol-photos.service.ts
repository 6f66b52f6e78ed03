import { createHash } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../lib/errors.ts'
import { sniffImage } from '../../lib/images.ts'
import { missingRecord, requirePrincipal } from '../../plugins/auth.ts'
import { type WasteDB, wasteDb } from './db.ts'
import { mayCorrect, type PatrolRouteService } from './patrol-routes.service.ts'
import type { PatrolService } from './patrols.service.ts'

/** The one photo a patrol record may carry; who may see it follows the record (`PatrolService.get`). */
export class PatrolPhotoService {
  private readonly db: WasteDB

  constructor(
    private readonly ctx: AppContext,
    private readonly routes: PatrolRouteService,
    private readonly patrols: PatrolService,
  ) {
    this.db = wasteDb(ctx.db)
  }

  /** The record's photo: its recorder, the lead or staff may add or replace it; bytes must be an image. */
  async attachPhoto(request: FastifyRequest, id: number, data: unknown, declared: string | undefined) {
    const principal = requirePrincipal(request)
    const rec = await this.db
      .selectFrom('waste_patrol')
      .select(['route_id', 'recorded_by'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!rec) throw missingRecord(request, 'waste.patrol')
    const { row, place } = await this.routes.route(request, rec.route_id)
    if (rec.recorded_by !== principal.accountId && !mayCorrect(request, row, place))
      throw new AppError('waste_patrol_not_lead')
    if (!Buffer.isBuffer(data) || data.length === 0) throw new AppError('waste_photo_not_image')
    const kind = sniffImage(data)
    if (!kind || kind !== declared) throw new AppError('waste_photo_not_image')
    const values = {
      content_type: kind,
      size_bytes: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      data,
      created_at: this.ctx.clock.now(),
    }
    await this.db
      .insertInto('waste_patrol_photo')
      .values({ patrol_id: id, ...values })
      .onConflict((oc) => oc.column('patrol_id').doUpdateSet(values))
      .execute()
    return { contentType: kind, sizeBytes: data.length }
  }

  async photo(request: FastifyRequest, id: number) {
    await this.patrols.get(request, id)
    const row = await this.db
      .selectFrom('waste_patrol_photo')
      .select(['content_type', 'data'])
      .where('patrol_id', '=', id)
      .executeTakeFirst()
    if (!row) throw new AppError('not_found')
    return row
  }
}
