import { type Kysely, sql } from 'kysely'
import type { DB } from '../../server/src/db/schema.ts'
import { countAccounts, insertAccount } from '../../server/src/modules/accounts/bootstrap.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoGrant } from './accounts.ts'
import { loadAlliancesDemo } from './alliances.ts'
import { DemoBuilder } from './builder.ts'
import { loadCensusDemo } from './census.ts'
import { loadEnterpriseDemo } from './enterprise.ts'
import { loadEventsDemo } from './events.ts'
import { loadExchange, loadNeeds } from './exchange.ts'
import { FENGPU, FENGXIAN, JINHAI, loadFengxian } from './fengxian.ts'
import { loadHongmeiScale } from './hongmei.ts'
import { spreadIncubationDates } from './incubation.ts'
import { loadMatchingDemo } from './matching.ts'
import { loadOrglifeDemo } from './orglife.ts'
import { rng } from './random.ts'
import { loadResourceBookingsDemo } from './resource-bookings.ts'
import { loadStreetEvents } from './street-events.ts'
import { loadSurveysDemo } from './surveys.ts'
import { loadVolunteersDemo } from './volunteers.ts'
import { loadWasteDemo } from './waste.ts'
import { loadWishesDemo } from './wishes.ts'
import { loadHongmei, loadSiic } from './xuhui.ts'

export { DEMO_PASSWORD }

export interface DemoOptions {
  /** Encrypts the demo people's ID numbers; must be the app's secret. */
  secret: string
  /** The load date (YYYY-MM-DD): ages are set relative to it. */
  today: string
  seed?: number
}

/**
 * Loads the deterministic demo built from the seed page: 奉贤区 (28 commercial buildings, 凤创谷, 金海街道's
 * social organisations), 徐汇区 上实大厦 and 虹梅路街道, and the demo accounts. Runs only on an empty
 * database (no accounts), in one transaction, so a restart never duplicates or half-loads it.
 */
export async function loadDemo(db: Kysely<DB>, opts: DemoOptions): Promise<{ loaded: boolean }> {
  if ((await countAccounts(db)) > 0) return { loaded: false }
  await db.transaction().execute(async (trx) => {
    const b = new DemoBuilder(trx, rng(opts.seed ?? 20190701), opts.secret, opts.today)
    await loadFengxian(b)
    await loadSiic(b)
    await loadHongmei(b)
    const chiefs = await trx
      .selectFrom('building_chief as c')
      .innerJoin('building as bd', 'bd.id', 'c.building_id')
      .select(['bd.id', 'c.unit_id'])
      .where('bd.area_code', 'like', `${FENGXIAN}%`)
      .orderBy('bd.id')
      .execute()
    const exchange = await loadExchange(
      b,
      chiefs.map((c) => ({ id: c.id, chiefUnitId: c.unit_id! })),
    )
    const accountIds = new Map<string, number>()
    for (const a of DEMO_ACCOUNTS) {
      const grants = []
      for (const g of a.grants) grants.push(await resolveGrant(trx, g))
      accountIds.set(a.username, await insertAccount(trx, { ...a, grants, password: DEMO_PASSWORD }))
    }
    // 金海's two organisations the seed names for these: 德善 runs the day centre, 智慧源 the 0–3 lectures.
    const unitNamed = async (name: string) =>
      (await trx.selectFrom('unit').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
    const elderly = await unitNamed('德善公益服务中心')
    const childcare = await unitNamed('智慧源教育培训中心')
    for (const [provider, category, name] of [
      [elderly, 'community.elderly', '日间照料与上门助老'],
      [childcare, 'community.childcare', '0-3岁科学育儿讲座'],
    ] as const) {
      await b.offering({
        providerUnitId: provider,
        allianceId: null,
        list: 'service',
        category,
        name,
        areaCodes: [JINHAI, FENGPU],
        capacity: 3,
      })
    }
    await loadNeeds(b, accountIds.get('member_demo')!, {
      elderlyProvider: elderly,
      childcareProvider: childcare,
      yangmama: exchange.yangmama,
      lecturer: (
        await trx
          .selectFrom('offering')
          .select('provider_unit_id')
          .where('name', '=', '百场党课进楼宇')
          .executeTakeFirstOrThrow()
      ).provider_unit_id,
    })
    // Each module's own demo, independent of the others.
    await loadMatchingDemo(b, accountIds)
    await loadWasteDemo(b, accountIds)
    await loadEventsDemo(b, accountIds)
    await loadVolunteersDemo(b, accountIds)
    await loadSurveysDemo(b, accountIds)
    await loadEnterpriseDemo(b, accountIds)
    await spreadIncubationDates(b)
    await loadOrglifeDemo(b)
    // Modules newer than a release load their demo only where their schema is: the upgrade test builds a
    // previous release's database with today's demo code.
    if (await applied(trx, '0034_census_visits')) await loadCensusDemo(b, accountIds)
    if (await applied(trx, '0036_wishes')) await loadWishesDemo(b, accountIds)
    if (await applied(trx, '0039_alliance_structure')) await loadAlliancesDemo(b)
    await loadHongmeiScale(b)
    await loadStreetEvents(b, accountIds)
    if (await applied(trx, '0038_resource_bookings')) await loadResourceBookingsDemo(b, accountIds)
  })
  // The planner's statistics for the tables just filled: PGlite has no autovacuum to gather them, and
  // without them it plans the registry's triggers as if every table were empty.
  await sql`ANALYZE`.execute(db)
  return { loaded: true }
}

async function applied(db: Kysely<DB>, migration: string) {
  return Boolean(
    await db.selectFrom('schema_migration').select('name').where('name', '=', migration).executeTakeFirst(),
  )
}

async function resolveGrant(db: Kysely<DB>, g: DemoGrant) {
  if ('building' in g) {
    const b = await db
      .selectFrom('building')
      .select(['id', 'area_code'])
      .where('name', '=', g.building)
      .executeTakeFirstOrThrow()
    return { role: g.role, scopeType: 'building', scopeId: String(b.id), areaCode: b.area_code }
  }
  if ('partyOrg' in g) {
    const o = await db
      .selectFrom('party_org')
      .select(['id', 'area_code'])
      .where('name', '=', g.partyOrg)
      .executeTakeFirstOrThrow()
    return { role: g.role, scopeType: 'party_org', scopeId: String(o.id), areaCode: o.area_code }
  }
  if ('unit' in g) {
    const u = await db
      .selectFrom('unit')
      .select(['id', 'area_code'])
      .where('name', '=', g.unit)
      .executeTakeFirstOrThrow()
    return { role: g.role, scopeType: 'unit', scopeId: String(u.id), areaCode: u.area_code }
  }
  return g
}
