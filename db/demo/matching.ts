import { insertAccount } from '../../server/src/modules/accounts/bootstrap.ts'
import { checkInput, type Sections } from '../../server/src/modules/exchange/rounds.input.ts'
import { writeRows } from '../../server/src/modules/exchange/rounds.repository.ts'
import { monthlyFollowUps } from '../../server/src/modules/exchange/rounds.service.ts'
import { matchInput, propose } from '../../server/src/modules/exchange/rounds.solve.ts'
import { DEMO_PASSWORD } from './accounts.ts'
import type { DemoBuilder } from './builder.ts'
import { JINHAI, JINHAI_COMMUNITIES, JINHAI_VILLAGES } from './fengxian.ts'

/** What each kind of social organisation does, by the end of its name (service_category codes). */
const BY_SUFFIX: Array<[string, string[]]> = [
  ['德善公益服务中心', ['community.elderly', 'community.childcare']],
  ['音乐艺术工作室', ['community.culture', 'community.education']],
  ['教育培训中心', ['community.education', 'community.childcare']],
  ['社绿家环保中心', ['community.environment', 'volunteer']],
  ['晨公益发展中心', ['volunteer', 'community.elderly', 'community.health']],
  ['公益服务中心', ['community.elderly', 'volunteer']],
  ['社工服务社', ['community.elderly', 'community.legal', 'community.childcare']],
  ['志愿者协会', ['volunteer', 'community.environment']],
  ['文体活动中心', ['community.culture']],
  ['养老服务中心', ['community.elderly', 'community.health']],
  ['青少年发展中心', ['community.education', 'community.childcare']],
  ['环保中心', ['community.environment']],
  ['艺术工作室', ['community.culture', 'community.education']],
]

/** Villages are older and rural; residential committees have more young families. */
const VILLAGE_WANTS = ['community.elderly', 'community.health', 'community.environment', 'community.legal']
const TOWN_WANTS = [
  'community.childcare',
  'community.education',
  'community.culture',
  'community.elderly',
  'volunteer',
]

const FOLLOW_UP_NOTES = [
  '已到村走访，首次活动参与 40 余人',
  '服务按月开展，居委反馈良好',
  '双方约定下月增加一次上门服务',
  '活动场地已落实，社工已驻点',
  '回访居民 12 户，满意',
]

function daysBefore(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - days)
  return d.toISOString().slice(0, 10)
}

/**
 * 金海街道's 相亲会: its 38 social organisations against its 9 villages and 9 residential committees, solved
 * by the real solver and confirmed about ten weeks before the load date, with monthly follow-ups (the ones
 * already due mostly done). Also a street admin for 金海 to run rounds there.
 */
export async function loadMatchingDemo(
  b: DemoBuilder,
  _accounts: ReadonlyMap<string, number>,
): Promise<void> {
  const staff = await insertAccount(b.db, {
    username: 'jinhai_admin',
    displayName: '金海街道社工委',
    password: DEMO_PASSWORD,
    phone: '13800000020',
    grants: [{ role: 'street_admin', scopeType: 'area', scopeId: JINHAI, areaCode: JINHAI }],
  })
  const orgs = await b.db
    .selectFrom('unit')
    .select(['id', 'name', 'employees'])
    .where('area_code', '=', JINHAI)
    .where('kind', '=', 'social_org')
    .orderBy('id')
    .limit(38)
    .execute()
  const providers = orgs.map((o) => ({
    unitId: Number(o.id),
    // The larger organisations take on two communities; most take one.
    capacity: (o.employees ?? 0) >= 20 ? 2 : 1,
    categories: BY_SUFFIX.find(([suffix]) => o.name.endsWith(suffix))?.[1] ?? ['volunteer'],
  }))
  const targets = [...JINHAI_VILLAGES, ...JINHAI_COMMUNITIES].map((code, i) => {
    const pool = i < 9 ? VILLAGE_WANTS : TOWN_WANTS
    const first = pool[(i * 3) % pool.length]!
    const others = pool.filter((c) => c !== first)
    const second = others[b.rand.int(0, others.length - 1)]!
    const third = others.filter((c) => c !== second)[b.rand.int(0, others.length - 2)]!
    return {
      key: `area:${code}`,
      // Each asks for two organisations, the two biggest villages for three.
      demand: i === 0 || i === 4 ? 3 : 2,
      wants: [
        { category: first, weight: 2 },
        { category: second, weight: 1 },
        { category: third, weight: 1 },
      ],
    }
  })
  // Some organisations put their first and second choices on the sign-up form, and so did some communities.
  const preferences: Sections['preferences'] = []
  for (const p of providers.filter((_, i) => i % 4 === 0)) {
    const fits = targets.filter((t) => t.wants.some((w) => p.categories.includes(w.category)))
    if (fits.length < 2) continue
    const first = fits[b.rand.int(0, fits.length - 1)]!
    const second = fits.filter((t) => t !== first)[b.rand.int(0, fits.length - 2)]!
    preferences.push({ side: 'provider', unitId: p.unitId, ranked: [first.key, second.key] })
  }
  for (const t of targets.filter((_, i) => i % 3 === 1)) {
    const fits = providers.filter((p) => t.wants.some((w) => p.categories.includes(w.category)))
    if (fits.length < 2) continue
    const first = fits[b.rand.int(0, fits.length - 1)]!
    const second = fits.filter((p) => p !== first)[b.rand.int(0, fits.length - 2)]!
    preferences.push({ side: 'target', targetKey: t.key, ranked: [first.unitId, second.unitId] })
  }

  const rows = await checkInput(b.db, JINHAI, { providers, targets, preferences, pins: [] })
  const options = { areaReach: 'any' as const }
  const proposal = propose(await matchInput(b.db, rows, options))
  const confirmedOn = daysBefore(b.today, 70)
  const solvedAt = new Date(`${daysBefore(b.today, 72)}T10:00:00+08:00`)
  const round = await b.db
    .insertInto('matching_round')
    .values({
      area_code: JINHAI,
      name: '金海街道社会组织与村居“相亲会”',
      state: 'confirmed',
      options: JSON.stringify(options),
      proposal: JSON.stringify(proposal),
      proposal_version: 2,
      solved_at: solvedAt,
      confirmed_on: confirmedOn,
      confirmed_by: staff,
      created_by: staff,
      version: 3,
      created_at: solvedAt,
      updated_at: new Date(`${confirmedOn}T16:00:00+08:00`),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const roundId = Number(round.id)
  await writeRows(b.db, roundId, rows)
  const names = new Map(rows.targets.map((t) => [t.target_key, t]))
  const dates = monthlyFollowUps(confirmedOn, 6)
  let n = 0
  for (const pair of proposal.pairs) {
    const agreement = await b.db
      .insertInto('matching_agreement')
      .values({
        round_id: roundId,
        unit_id: pair.p,
        target_key: pair.t,
        target_name: names.get(pair.t)!.name,
        area_code: names.get(pair.t)!.area_code,
        score: pair.score,
        reasons: JSON.stringify(pair.reasons),
        confirmed_on: confirmedOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const due of dates) {
      // Follow-ups already due: most done on the day, a few still open.
      const done = due <= b.today && b.rand.chance(0.8)
      await b.db
        .insertInto('matching_follow_up')
        .values({
          agreement_id: Number(agreement.id),
          due_on: due,
          done_at: done ? new Date(`${due}T15:00:00+08:00`) : null,
          done_by: done ? staff : null,
          note: done ? FOLLOW_UP_NOTES[n++ % FOLLOW_UP_NOTES.length]! : null,
        })
        .execute()
    }
  }
}
