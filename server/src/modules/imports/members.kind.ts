import { type ImportChange, PersonInput } from '@tongxin/contracts'
import { maskIdNumber } from '../../lib/ids.ts'
import { maskPhone } from '../../lib/mask.ts'
import { piiLookupHash } from '../../lib/pii.ts'
import { personColumns, saveMembership } from '../registry/people.service.ts'
import { updateVersioned } from '../registry/versioned.ts'
import {
  type CheckEnv,
  changeOf,
  checkSchema,
  checkScope,
  compileInput,
  diffFields,
  KeySeen,
  type KindOutcome,
  type RowError,
  readRow,
  Snapshot,
  viaValidator,
} from './check.ts'
import { headerOf, KIND_SPECS, labelOf, MEMBER_STATUS_LABELS } from './columns.ts'
import type { SheetRow } from './parse.ts'
import { reason } from './reasons.ts'
import {
  insertMany,
  loadAreas,
  loadOrgs,
  loadPeopleByHash,
  loadUnitsByUscc,
  type PersonRecord,
  unitCodesById,
} from './repository.ts'

const spec = KIND_SPECS.members
const validate = compileInput(PersonInput)
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

const h = (key: string) => headerOf(spec, key)

/**
 * 党员: a person found by their ID number (through its keyed hash, never decrypted), with their membership.
 * One person is one member of one organisation: the same ID number twice in a file is refused, and named
 * as "in two branches" when the two rows place them in different organisations.
 */
export async function checkMembers(env: CheckEnv, rows: SheetRow[]): Promise<KindOutcome> {
  const snap = new Snapshot(await loadAreas(env.db))
  const checks = rows.map((r) => readRow(spec, r))
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
  const orgByName = new Map(orgs.map((o) => [o.name, o]))
  const orgName = new Map(orgs.map((o) => [o.id, o.name]))
  for (const o of orgs) snap.live.party_org.add(o.id)

  const seen = new KeySeen<string | null>()
  const errors: RowError[] = []
  const changes: ImportChange[] = []
  const planned: Planned[] = []
  const idConflicts: number[] = []
  for (const check of checks) {
    const idNumber = check.text('idNumber')
    const hash = hashOf(idNumber)
    const orgText = check.text('org')
    const prior = hash ? seen.claim(hash, check.row, orgText) : null
    if (prior && prior.value !== orgText)
      check.fail('idNumber', reason('two_branches', { row: prior.row, org: prior.value ?? '' }))
    else if (prior)
      check.fail('idNumber', reason('duplicate_key', { row: prior.row, key: maskIdNumber(idNumber)! }))
    const uscc = check.text('unitUscc')
    const unit = uscc !== null ? units.get(uscc) : undefined
    if (uscc !== null && !unit) check.fail('unitUscc', reason('unknown_unit', { uscc }))
    const org = orgText !== null ? orgByName.get(orgText) : undefined
    if (orgText !== null && !org) check.fail('org', reason('unknown_org', { name: orgText }))
    if (!check.ok) {
      errors.push(...check.errors)
      continue
    }
    const input: PersonInput = {
      name: check.text('name')!,
      phone: check.text('phone'),
      idNumber,
      education: check.text('education'),
      unitId: unit?.id ?? null,
      membership: {
        partyOrgId: org!.id,
        status: check.values.status as 'formal' | 'probationary',
        joinedOn: check.text('joinedOn'),
        relationTransferred: check.bool('relationTransferred') ?? true,
        floating: check.bool('floating') ?? false,
      },
    }
    checkSchema(check, validate, input, FIELDS)
    const columns = check.ok
      ? await viaValidator(
          check,
          (e) => COLUMN_OF_ERROR[e.code] ?? '',
          () => personColumns(snap, env.secret, input),
        )
      : null
    const before = hash ? existing.get(hash) : undefined
    // A number held by someone wholly outside the importer's scope: said without naming them, and handed to
    // the service, which audits and limits such answers like the API's (registry/id-conflicts.ts).
    const elsewhere =
      before !== undefined &&
      ![before.unit_area, before.org_area].some((a) => a !== null && snap.inScope(env.scope, a))
    if (elsewhere) {
      check.fail('idNumber', reason('id_number_registered_elsewhere'))
      idConflicts.push(before.id)
    }
    checkScope(check, snap, env.scope, [
      unit?.area_code ?? null,
      org!.area_code,
      ...(elsewhere ? [] : [before?.unit_area ?? null, before?.org_area ?? null]),
    ])
    if (!check.ok || !columns) {
      errors.push(...check.errors)
      continue
    }
    const p = columns.person
    const m = columns.member!
    const fields = before
      ? diffFields([
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
          {
            field: h('relationTransferred'),
            before: before.relation_transferred,
            after: m.relation_transferred,
          },
          { field: h('floating'), before: before.floating, after: m.floating },
        ])
      : []
    const change = changeOf(check.row, maskIdNumber(idNumber)!, before !== undefined, fields)
    changes.push(change)
    planned.push({ columns, existing: before, changed: change.action === 'changed' })
  }

  return {
    errors,
    changes,
    idConflicts,
    async apply(trx, env) {
      env.progress(planned.filter((p) => p.existing && !p.changed).length)
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
  }
}
