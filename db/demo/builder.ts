import type { Kysely } from 'kysely'
import type { DB } from '../../server/src/db/schema.ts'
import { idNumberWithCheck, usccWithCheck } from '../../server/src/lib/ids.ts'
import { encryptPii, piiLookupHash } from '../../server/src/lib/pii.ts'
import { searchText } from '../../server/src/lib/pinyin.ts'
import { deadlines } from '../../server/src/modules/exchange/workflow.ts'
import { EDUCATION, FIRM_PREFIX, GIVEN, INDUSTRIES, SURNAMES } from './names.ts'
import type { Rng } from './random.ts'

/** One member to create: young = under 35 at load time (aged 23–33, so a year later they still are). */
export interface MemberPlan {
  formal: boolean
  young: boolean
  transferred?: boolean
}

/**
 * Inserts demo rows with the same columns the API writes, keeping counters for unique codes. Ages are
 * relative to `today` so figures such as "45% under 35" hold on the day the demo is loaded.
 */
export class DemoBuilder {
  private seq = 0
  private personSeq = 0
  private usedNames = new Set<string>()

  constructor(
    readonly db: Kysely<DB>,
    readonly rand: Rng,
    readonly secret: string,
    readonly today: string,
  ) {}

  private nextSeq() {
    return ++this.seq
  }

  uscc(areaCode: string, social = false): string {
    const org = String(this.nextSeq()).padStart(8, '0')
    return usccWithCheck(`${social ? '52' : '91'}${areaCode.slice(0, 6)}M${org}`)
  }

  firmName(industry: (typeof INDUSTRIES)[number]): string {
    for (;;) {
      const name = `上海${this.rand.pick(FIRM_PREFIX)}${this.rand.pick(FIRM_PREFIX)}${industry.suffix}`
      if (!this.usedNames.has(name)) {
        this.usedNames.add(name)
        return name
      }
    }
  }

  personName(): string {
    return `${this.rand.pick(SURNAMES)}${this.rand.pick(GIVEN)}${this.rand.chance(0.6) ? this.rand.pick(GIVEN) : ''}`
  }

  birthDate(young: boolean): string {
    const age = young ? this.rand.int(23, 33) : this.rand.int(37, 62)
    const year = Number(this.today.slice(0, 4)) - age
    return `${year}-${String(this.rand.int(1, 12)).padStart(2, '0')}-${String(this.rand.int(1, 28)).padStart(2, '0')}`
  }

  async park(areaCode: string, name: string) {
    const row = await this.db
      .insertInto('park')
      .values({ area_code: areaCode, name, search_text: searchText(name) })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  async building(b: {
    areaCode: string
    parkId?: number | null
    name: string
    address: string
    floors: number
    inUse?: boolean
    propertyCompany?: string | null
    owner?: string | null
    lat?: number | null
    lng?: number | null
  }) {
    const row = await this.db
      .insertInto('building')
      .values({
        area_code: b.areaCode,
        park_id: b.parkId ?? null,
        name: b.name,
        address: b.address,
        floors: b.floors,
        in_use: b.inUse ?? true,
        property_company: b.propertyCompany ?? null,
        owner: b.owner ?? null,
        lat: b.lat ?? null,
        lng: b.lng ?? null,
        search_text: searchText(b.name, b.address),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  async unit(u: {
    areaCode: string
    buildingId?: number | null
    floors?: number
    name?: string
    kind?: 'private' | 'foreign' | 'state' | 'social_org' | 'agency'
    industry?: (typeof INDUSTRIES)[number]
    employees?: number
    settledOn?: string
    instructorSent?: boolean
  }) {
    const industry = u.industry ?? this.rand.pick(INDUSTRIES)
    const name = u.name ?? this.firmName(industry)
    this.usedNames.add(name)
    const floor = u.floors ? this.rand.int(1, u.floors) : null
    const row = await this.db
      .insertInto('unit')
      .values({
        uscc: this.uscc(u.areaCode, u.kind === 'social_org'),
        name,
        kind: u.kind ?? 'private',
        industry: u.kind === 'social_org' ? '社会服务' : industry.name,
        area_code: u.areaCode,
        employees: u.employees ?? this.rand.int(8, 120),
        building_id: u.buildingId ?? null,
        floor_from: floor,
        floor_to: floor,
        settled_on:
          u.settledOn ?? `${this.rand.int(2012, 2025)}-${String(this.rand.int(1, 12)).padStart(2, '0')}-01`,
        instructor_sent: u.instructorSent ?? false,
        search_text: searchText(name),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  async org(o: {
    name: string
    type: 'committee' | 'general_branch' | 'branch' | 'joint_branch'
    areaCode: string
    parentId?: number | null
    hasCommittee?: boolean
    unitIds?: number[]
    buildingIds?: number[]
  }) {
    const { id } = await this.db
      .insertInto('party_org')
      .values({
        name: o.name,
        type: o.type,
        area_code: o.areaCode,
        parent_id: o.parentId ?? null,
        has_committee: o.hasCommittee ?? false,
        established_on: `${this.rand.int(2008, 2024)}-07-01`,
        search_text: searchText(o.name),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const coverage = [
      ...(o.unitIds ?? []).map((unit_id) => ({ party_org_id: id, unit_id, building_id: null })),
      ...(o.buildingIds ?? []).map((building_id) => ({ party_org_id: id, unit_id: null, building_id })),
    ]
    if (coverage.length) await this.db.insertInto('party_org_coverage').values(coverage).execute()
    return id
  }

  /** People working in a unit, all party members of `orgId`. Returns the new person ids. */
  async members(unitId: number, orgId: number, plans: MemberPlan[], areaCode: string): Promise<number[]> {
    if (plans.length === 0) return []
    const people = plans.map((plan) => {
      const birth = this.birthDate(plan.young)
      const idNumber = idNumberWithCheck(
        `${areaCode.slice(0, 6)}${birth.replaceAll('-', '')}${String(++this.personSeq % 1000).padStart(3, '0')}`,
      )
      const name = this.personName()
      return {
        name,
        gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
        birth_date: birth,
        phone: `139${String(10_000_000 + this.personSeq).slice(-8)}`,
        id_number_enc: encryptPii(this.secret, idNumber),
        id_number_hash: piiLookupHash(this.secret, idNumber),
        education: this.rand.pick(EDUCATION),
        unit_id: unitId,
        search_text: searchText(name),
      }
    })
    const ids = (await this.db.insertInto('person').values(people).returning('id').execute()).map((r) => r.id)
    await this.db
      .insertInto('member')
      .values(
        ids.map((person_id, i) => ({
          person_id,
          party_org_id: orgId,
          status: plans[i]!.formal ? 'formal' : 'probationary',
          joined_on: `${this.rand.int(1995, 2024)}-07-01`,
          relation_transferred: plans[i]!.transferred ?? true,
          floating: plans[i]!.transferred === false && this.rand.chance(0.5),
        })),
      )
      .execute()
    return ids
  }

  async person(name: string, unitId: number | null) {
    const { id } = await this.db
      .insertInto('person')
      .values({
        name,
        unit_id: unitId,
        search_text: searchText(name),
        phone: `138${String(20_000_000 + ++this.personSeq).slice(-8)}`,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  }

  async chief(buildingId: number, who: { personId?: number; unitId?: number }, since = '2019-06-01') {
    await this.db
      .insertInto('building_chief')
      .values({
        building_id: buildingId,
        person_id: who.personId ?? null,
        unit_id: who.unitId ?? null,
        since,
      })
      .execute()
  }

  async dutyPoint(p: {
    areaCode: string
    parkId?: number
    buildingId?: number
    name: string
    kind: 'waste_room' | 'lobby' | 'canteen' | 'delivery' | 'other'
    floor?: number
  }) {
    const { id } = await this.db
      .insertInto('duty_point')
      .values({
        area_code: p.areaCode,
        park_id: p.parkId ?? null,
        building_id: p.buildingId ?? null,
        name: p.name,
        kind: p.kind,
        floor: p.floor ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  }

  async station(s: {
    kind: 'service_station' | 'micro_home' | 'center' | 'life_station'
    name: string
    areaCode: string
    buildingId?: number
    parkId?: number
    description?: string
  }) {
    const { id } = await this.db
      .insertInto('station')
      .values({
        kind: s.kind,
        name: s.name,
        area_code: s.areaCode,
        building_id: s.buildingId ?? null,
        park_id: s.parkId ?? null,
        description: s.description ?? null,
        search_text: searchText(s.name),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  }

  async offering(o: {
    providerUnitId: number
    allianceId: number | null
    list: 'service' | 'resource' | 'activity'
    category: string
    name: string
    areaCodes: string[]
    capacity: number | null
  }) {
    await this.db
      .insertInto('offering')
      .values({
        provider_unit_id: o.providerUnitId,
        alliance_id: o.allianceId,
        list: o.list,
        category_code: o.category,
        name: o.name,
        area_codes: o.areaCodes,
        capacity_concurrent: o.capacity,
        schedule: JSON.stringify(
          o.list === 'resource'
            ? [1, 2, 3, 4, 5].map((day) => ({ day, opens: '09:00', closes: '17:30' }))
            : [],
        ),
        eligibility: JSON.stringify(
          o.category.startsWith('enterprise') ? { audiences: ['enterprises'] } : {},
        ),
        last_verified_on: this.today,
        search_text: searchText(o.name),
      })
      .execute()
  }

  /** A need walked through `path` (states after submitted), an hour a step, with its timeline. */
  async need(n: {
    text: string
    category: string
    area: string
    path: string[]
    submitted: Date
    provider?: number
    rating?: number
    requesterAccountId: number
  }) {
    const category = await this.db
      .selectFrom('service_category')
      .selectAll()
      .where('code', '=', n.category)
      .executeTakeFirstOrThrow()
    const due = deadlines(n.submitted, category, category.new_enterprise_only)
    const at = (step: number) => new Date(n.submitted.getTime() + step * 3_600_000)
    const state = n.path.at(-1) ?? 'submitted'
    // The order is held through the provider's offering of that category, as a claim would record it.
    const offering = n.provider
      ? await this.db
          .selectFrom('offering')
          .select('id')
          .where('provider_unit_id', '=', n.provider)
          .where('category_code', '=', n.category)
          .executeTakeFirst()
      : undefined
    const { id } = await this.db
      .insertInto('need')
      .values({
        category_code: n.category,
        description: n.text,
        area_code: n.area,
        requester_account_id: n.requesterAccountId,
        contact_name: '王小青',
        contact_phone: '13800000006',
        state,
        provider_unit_id: n.provider ?? null,
        offering_id: offering?.id ?? null,
        submitted_at: n.submitted,
        first_response_due_at: due.firstResponseDue,
        resolution_due_at: due.resolutionDue,
        ...this.needStepTimes(n.path, at),
        rating: n.path.includes('closed') ? (n.rating ?? null) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await this.needTrail(id, n.path, at)
  }

  /** The step timestamps a need carries after walking `path`, step i taken at `at(i)`. */
  needStepTimes(path: string[], at: (step: number) => Date) {
    const stepAt = (s: string) => (path.includes(s) ? at(path.indexOf(s) + 1) : null)
    return {
      accepted_at: stepAt('accepted'),
      delivered_at: stepAt('delivered'),
      closed_at: path.at(-1) === 'closed' ? stepAt('closed') : null,
      updated_at: at(path.length),
    }
  }

  /** The need's history as the workflow would have written it: submitted, then each step of `path`. */
  async needTrail(needId: number, path: string[], at: (step: number) => Date) {
    const states = ['submitted', ...path]
    await this.db
      .insertInto('need_event')
      .values(
        states.map((s, i) => ({
          need_id: needId,
          from_state: i === 0 ? null : states[i - 1]!,
          to_state: s,
          at: at(i),
        })),
      )
      .execute()
  }

  /** `count` members of which `young` are under 35 and the rest older; a few not transferred. */
  plans(
    count: number,
    young: number,
    opts: { probationary?: number; notTransferred?: number } = {},
  ): MemberPlan[] {
    const plans: MemberPlan[] = []
    for (let i = 0; i < count; i++) {
      plans.push({
        young: i < young,
        formal: i < count - (opts.probationary ?? 0),
        transferred: i >= (opts.notTransferred ?? 0),
      })
    }
    return plans
  }
}
