import { PersonInput } from '@tongxin/contracts'
import { maskIdNumber } from '../../lib/ids.ts'
import { maskPhone } from '../../lib/mask.ts'
import { piiLookupHash } from '../../lib/pii.ts'
import { personColumns, saveMembership } from '../registry/people.service.ts'
import { updateVersioned } from '../registry/versioned.ts'
import type { CheckEnv, RowCheck, Snapshot } from './check.ts'
import { headerOf, KIND_SPECS, labelOf, MEMBER_STATUS_LABELS } from './columns.ts'
import { defineKind, type KindRow } from './kind.ts'
import { reason } from './reasons.ts'
import {
  insertMany,
  loadOrgs,
  loadPeopleByHash,
  loadUnitsByUscc,
  type OrgRecord,
  type PersonRecord,
  unitCodesById,
} from './repository.ts'

const spec = KIND_SPECS.members
const FIELDS: Record<string, string> = {
  '/name': 'name',
  '/idNumber': 'idNumber',
  '/phone': 'phone',
  '/education': 'education',
  '/unitId': 'unitUscc',
  '/membership/partyOrgId': 'org',
  '/membership/status': 'status',
  '/membership/joinedOn': 'joinedOn',
  '/membership/relationTransferred': 'relationTransferred',
  '/membership/floating': 'floating',
}
const COLUMN_OF_ERROR: Record<string, string> = {
  invalid_id_number: 'idNumber',
  id_birth_mismatch: 'idNumber',
  invalid_phone: 'phone',
}

type Columns = Awaited<ReturnType<typeof personColumns>>
interface Planned {
  columns: Columns
  existing: PersonRecord | undefined
  changed: boolean
}
type Ctx = Awaited<ReturnType<typeof loadRefs>>
type Row = KindRow<PersonInput, PersonRecord> & { unitArea: string | null; orgArea: string }

const h = (key: string) => headerOf(spec, key)

/** The people the file's ID numbers match, the units and organisations it names, by their keys. */
async function loadRefs(env: CheckEnv, checks: RowCheck[], snap: Snapshot) {
  const hashOf = (id: string | null) => (id === null ? null : piiLookupHash(env.secret, id))
  const hashes = checks.map((c) => hashOf(c.text('idNumber'))).filter((x): x is string => x !== null)
  const existing = new Map((await loadPeopleByHash(env.db, hashes)).map((p) => [p.id_number_hash!, p]))
  const unitUsccs = checks.map((c) => c.text('unitUscc')).filter((u): u is string => u !== null)
  const units = new Map((await loadUnitsByUscc(env.db, unitUsccs)).map((u) => [u.uscc, u]))
  for (const u of units.values()) snap.live.unit.add(u.id)
  const unitCode = new Map([...units.values()].map((u) => [u.id, u.uscc]))
  for (const [id, uscc] of await unitCodesById(
    env.db,
    [...existing.values()].map((p) => p.unit_id).filter((u): u is number => u !== null && !unitCode.has(u)),
  ))
    unitCode.set(id, uscc)
  const orgs = await loadOrgs(env.db)
  for (const o of orgs) snap.live.party_org.add(o.id)
  return {
    secret: env.secret,
    hashOf,
    existing,
    units,
    unitCode,
    orgByName: new Map(orgs.map((o) => [o.name, o])),
    orgName: new Map(orgs.map((o) => [o.id, o.name])),
    /** People outside the caller's scope whose numbers rows gave. */
    idConflicts: [] as number[],
  }
}

/** The unit a row names by USCC, if it exists; marks the cell when it does not. */
function unitOf(check: RowCheck, ctx: Ctx) {
  const uscc = check.text('unitUscc')
  const unit = uscc !== null ? ctx.units.get(uscc) : undefined
  if (uscc !== null && !unit) check.fail('unitUscc', reason('unknown_unit', { uscc }))
  return unit
}

/** The organisation a row names (required by the sheet); marks the cell when there is none by that name. */
function orgOf(check: RowCheck, ctx: Ctx): OrgRecord | undefined {
  const name = check.text('org')
  const org = name !== null ? ctx.orgByName.get(name) : undefined
  if (name !== null && !org) check.fail('org', reason('unknown_org', { name }))
  return org
}

/**
 * A number held by someone wholly outside the importer's scope: said without naming them, and handed to the
 * service, which audits and limits such answers like the API's (registry/id-conflicts.ts).
 */
function heldElsewhere(
  check: RowCheck,
  ctx: Ctx,
  before: PersonRecord | undefined,
  env: CheckEnv,
  snap: Snapshot,
) {
  const elsewhere =
    before !== undefined &&
    ![before.unit_area, before.org_area].some((a) => a !== null && snap.inScope(env.scope, a))
  if (elsewhere) {
    check.fail('idNumber', reason('id_number_registered_elsewhere'))
    ctx.idConflicts.push(before.id)
  }
  return elsewhere
}

/**
 * 党员: a person found by their ID number (through its keyed hash, never decrypted), with their membership.
 * One person is one member of one organisation: the same ID number twice in a file is refused, and named
 * as "in two branches" when the two rows place them in different organisations.
 */
export const checkMembers = defineKind({
  spec,
  input: PersonInput,
  fields: FIELDS,
  columnOf: (e) => COLUMN_OF_ERROR[e.code] ?? '',
  load: loadRefs,
  naturalKey(check, ctx) {
    const idNumber = check.text('idNumber')
    const hash = ctx.hashOf(idNumber)
    return hash
      ? { key: hash, column: 'idNumber', shown: maskIdNumber(idNumber)!, value: check.text('org') }
      : null
  },
  duplicate: (prior, current) =>
    prior.value !== current.value
      ? reason('two_branches', { row: prior.row, org: prior.value ?? '' })
      : reason('duplicate_key', { row: prior.row, key: current.shown }),
  row(check, ctx): Row | null {
    const unit = unitOf(check, ctx)
    const org = orgOf(check, ctx)
    if (!check.ok || !org) return null
    const idNumber = check.text('idNumber')
    const hash = ctx.hashOf(idNumber)
    const input: PersonInput = {
      name: check.text('name')!,
      phone: check.text('phone'),
      idNumber,
      education: check.text('education'),
      unitId: unit?.id ?? null,
      membership: {
        partyOrgId: org.id,
        status: check.values.status as 'formal' | 'probationary',
        joinedOn: check.text('joinedOn'),
        relationTransferred: check.bool('relationTransferred') ?? true,
        floating: check.bool('floating') ?? false,
      },
    }
    const before = hash ? ctx.existing.get(hash) : undefined
    return { input, before, unitArea: unit?.area_code ?? null, orgArea: org.area_code }
  },
  columns: (ctx, { input }, snap) => personColumns(snap, ctx.secret, input),
  scope(check, ctx, row, _columns, env, snap) {
    const { before, unitArea, orgArea } = row as Row
    const elsewhere = heldElsewhere(check, ctx, before, env, snap)
    return [unitArea, orgArea, ...(elsewhere ? [] : [before?.unit_area ?? null, before?.org_area ?? null])]
  },
  diff({ unitCode, orgName }, _row, columns, before) {
    const p = columns.person
    const m = columns.member!
    return [
      { field: h('name'), before: before.name, after: p.name },
      { field: '性别', before: before.gender, after: p.gender },
      { field: '出生日期', before: before.birth_date, after: p.birth_date },
      {
        field: h('phone'),
        before: before.phone,
        after: p.phone,
        shownBefore: maskPhone(before.phone) ?? '',
        shownAfter: maskPhone(p.phone) ?? '',
      },
      { field: h('education'), before: before.education, after: p.education },
      {
        field: h('unitUscc'),
        before: before.unit_id,
        after: p.unit_id,
        shownBefore: before.unit_id ? unitCode.get(before.unit_id) : '',
        shownAfter: p.unit_id ? unitCode.get(p.unit_id) : '',
      },
      {
        field: h('org'),
        before: before.party_org_id,
        after: m.party_org_id,
        shownBefore: before.party_org_id ? orgName.get(before.party_org_id) : '',
        shownAfter: orgName.get(m.party_org_id),
      },
      {
        field: h('status'),
        before: before.status,
        after: m.status,
        shownBefore: labelOf(MEMBER_STATUS_LABELS, before.status),
        shownAfter: labelOf(MEMBER_STATUS_LABELS, m.status),
      },
      { field: h('joinedOn'), before: before.joined_on, after: m.joined_on },
      { field: h('relationTransferred'), before: before.relation_transferred, after: m.relation_transferred },
      { field: h('floating'), before: before.floating, after: m.floating },
    ]
  },
  label: ({ input }) => maskIdNumber(input.idNumber ?? null)!,
  plan: (_check, { before }, columns, change): Planned => ({
    columns,
    existing: before,
    changed: change.action === 'changed',
  }),
  extra: (_env, _planned, ctx) => ({ idConflicts: ctx.idConflicts }),
  async apply(trx, env, planned) {
    const fresh = planned.filter((p) => !p.existing)
    const people = await insertMany<{ id: number; id_number_hash: string }>(
      trx,
      'person',
      fresh.map((p) => p.columns.person),
      { returning: ['id_number_hash'], history: { entity: 'person', accountId: env.accountId } },
    )
    const idOf = new Map(people.map((r) => [r.id_number_hash, r.id]))
    await insertMany(
      trx,
      'member',
      fresh.map((p) => ({ person_id: idOf.get(p.columns.person.id_number_hash!)!, ...p.columns.member! })),
      { onChunk: env.progress },
    )
    for (const p of planned) {
      if (!p.existing || !p.changed) continue
      await updateVersioned(
        trx,
        'person',
        p.existing.id,
        p.existing.version,
        p.columns.person,
        env.accountId,
        env.now,
      )
      await saveMembership(trx, p.existing.id, p.columns.member, env.now)
      env.progress(1)
    }
  },
})
