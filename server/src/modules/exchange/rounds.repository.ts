/** SQL of matchmaking rounds: the input rows, kept whole (a change replaces the section wholesale). */
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { InputRows, PinRow, PreferenceRow, TargetRow } from './rounds.input.ts'

const CHUNK = 1000

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK))
}

export async function loadRows(db: Kysely<DB>, roundId: number): Promise<InputRows> {
  const [providers, targets, preferences, pins] = await Promise.all([
    db
      .selectFrom('matching_provider')
      .select(['unit_id', 'capacity', 'categories'])
      .where('round_id', '=', roundId)
      .orderBy('unit_id')
      .execute(),
    db
      .selectFrom('matching_target')
      .select(['target_key', 'kind', 'area_code', 'building_id', 'need_id', 'name', 'demand', 'wants'])
      .where('round_id', '=', roundId)
      .orderBy('target_key')
      .execute(),
    db
      .selectFrom('matching_preference')
      .select(['side', 'unit_id', 'target_key', 'rank'])
      .where('round_id', '=', roundId)
      .orderBy('side')
      .orderBy('rank')
      .execute(),
    db
      .selectFrom('matching_pin')
      .select(['unit_id', 'target_key', 'kind', 'override'])
      .where('round_id', '=', roundId)
      .orderBy('unit_id')
      .orderBy('target_key')
      .execute(),
  ])
  return {
    providers: providers.map((p) => ({ ...p, unit_id: Number(p.unit_id) })),
    targets: targets.map((t) => ({
      ...t,
      kind: t.kind as TargetRow['kind'],
      building_id: t.building_id === null ? null : Number(t.building_id),
      need_id: t.need_id === null ? null : Number(t.need_id),
      wants: t.wants as TargetRow['wants'],
    })),
    preferences: preferences.map((p) => ({
      ...p,
      side: p.side as PreferenceRow['side'],
      unit_id: Number(p.unit_id),
    })),
    pins: pins.map((p) => ({ ...p, kind: p.kind as PinRow['kind'], unit_id: Number(p.unit_id) })),
  }
}

/** Replaces the round's input rows (inside the caller's transaction). */
export async function writeRows(trx: Kysely<DB>, roundId: number, rows: InputRows) {
  // Preferences and pins reference providers and targets, so they go first and come back last.
  await trx.deleteFrom('matching_preference').where('round_id', '=', roundId).execute()
  await trx.deleteFrom('matching_pin').where('round_id', '=', roundId).execute()
  await trx.deleteFrom('matching_provider').where('round_id', '=', roundId).execute()
  await trx.deleteFrom('matching_target').where('round_id', '=', roundId).execute()
  await insertChunked(rows.providers, (chunk) =>
    trx
      .insertInto('matching_provider')
      .values(chunk.map((p) => ({ ...p, round_id: roundId })))
      .execute(),
  )
  await insertChunked(rows.targets, (chunk) =>
    trx
      .insertInto('matching_target')
      .values(chunk.map((t) => ({ ...t, round_id: roundId, wants: JSON.stringify(t.wants) })))
      .execute(),
  )
  await insertChunked(rows.preferences, (chunk) =>
    trx
      .insertInto('matching_preference')
      .values(chunk.map((p) => ({ ...p, round_id: roundId })))
      .execute(),
  )
  await insertChunked(rows.pins, (chunk) =>
    trx
      .insertInto('matching_pin')
      .values(chunk.map((p) => ({ ...p, round_id: roundId })))
      .execute(),
  )
}

/** Names and areas of the round's providers, for the screens. */
export async function unitNames(db: Kysely<DB>, ids: number[]) {
  const names = new Map<number, { name: string; areaCode: string }>()
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .selectFrom('unit')
      .select(['id', 'name', 'area_code'])
      .where('id', 'in', ids.slice(i, i + 5000))
      .execute()
    for (const r of rows) names.set(Number(r.id), { name: r.name, areaCode: r.area_code })
  }
  return names
}

/** The area a round belongs to (its access scope), or undefined for an unknown round. */
export async function roundAreaCode(db: Kysely<DB>, roundId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('matching_round')
    .select('area_code')
    .where('id', '=', roundId)
    .executeTakeFirst()
  return row?.area_code
}

/** The area of the round a follow-up hangs under (its access scope), or undefined for an unknown follow-up. */
export async function followUpAreaCode(db: Kysely<DB>, followUpId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('matching_follow_up as f')
    .innerJoin('matching_agreement as a', 'a.id', 'f.agreement_id')
    .innerJoin('matching_round as r', 'r.id', 'a.round_id')
    .select('r.area_code')
    .where('f.id', '=', followUpId)
    .executeTakeFirst()
  return row?.area_code
}
