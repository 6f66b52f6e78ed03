/**
 * 微心愿's rules inside the need workflow (needs.service.ts applies them): who may take a wish, who may look
 * at an open one, and what the public wall masks in its text.
 */
import { WISH_CATEGORY } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../lib/errors.ts'
import { maskPhone } from '../../lib/mask.ts'
import type { Principal } from '../../lib/principal.ts'
import { areasByCode } from '../../lib/scope.ts'

/** The units the caller may act for as a provider. */
export function providerUnits(request: FastifyRequest): number[] {
  return request
    .grantsFor('need.claim')
    .filter((g) => g.scope_type === 'unit')
    .map((g) => Number(g.scope_id))
}

export const isWish = (need: { category_code: string }) => need.category_code === WISH_CATEGORY

/**
 * Who takes a wish: the caller's firm when they hold a provider account (the one named, or their only
 * one), otherwise the caller in person when they are a member. Never the wisher.
 */
export function wishClaimer(
  request: FastifyRequest,
  principal: Principal,
  need: { requester_account_id: number | null },
  providerUnitId: number | undefined,
): { provider_unit_id: number | null; provider_account_id: number | null } {
  if (need.requester_account_id === principal.accountId) throw new AppError('wish_own')
  const units = providerUnits(request)
  const unitId = providerUnitId ?? (units.length === 1 ? units[0] : undefined)
  if (unitId !== undefined) {
    if (!units.includes(unitId)) throw new AppError('forbidden')
    return { provider_unit_id: unitId, provider_account_id: null }
  }
  if (request.grantsFor('wish.claim').length === 0) throw new AppError('forbidden')
  // Both columns are set: a reopened wish may pass from a person to a firm or back.
  return { provider_unit_id: null, provider_account_id: principal.accountId }
}

/**
 * A wish is taken by neighbours: the caller's wish grants must cover its area. Taking a wish shows the
 * wisher's phone, so without this anyone could claim wishes across the city to collect numbers.
 */
export async function wishInReach(
  db: Kysely<DB>,
  request: FastifyRequest,
  areaCode: string,
): Promise<boolean> {
  const codes = [...new Set(request.grantsFor('wish.claim').map((g) => g.area_code))].filter(
    (c): c is string => c !== null,
  )
  if (codes.length === 0) return false
  const areas = await areasByCode(db, [areaCode, ...codes])
  const target = areas.get(areaCode)?.path
  if (target === undefined) return false
  return codes.some((c) => {
    const p = areas.get(c)?.path
    return p !== undefined && (target === p || target.startsWith(`${p}/`))
  })
}

/** Whether the caller may look at an open wish (to decide whether to take it). */
export const mayConsiderWish = (request: FastifyRequest) => request.grantsFor('wish.claim').length > 0

/**
 * A run of digits long enough to be a phone or identity number: what a wisher most often types into the
 * text by mistake. The wall masks it; the wish itself keeps it for those who hold it.
 */
export function maskNumbers(text: string): string {
  return text.replace(/\d{7,}[\dXx]?/g, (m) =>
    /^1\d{10}$/.test(m) ? maskPhone(m)! : `${m.slice(0, 2)}${'*'.repeat(m.length - 4)}${m.slice(-2)}`,
  )
}
