import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { sniffAudio } from './qr.ts'

const FENGPU = '310120002'
const DAY = 86_400_000

let t: TestApp
let fengpu: Session
let nanqiao: Session
let survey: { id: number; slug: string }
let offeringId: number
let eventId: number

const questions = [
  {
    key: 'needs',
    type: 'multiple',
    title: '需要哪些服务',
    required: true,
    options: [
      { key: 'health', label: '养生' },
      { key: 'parenting', label: '亲子' },
    ],
  },
  { key: 'ideas', type: 'text', title: '建议', required: false },
]

beforeAll(async () => {
  t = await startTestApp()
  fengpu = await login(t.app, 'fengpu_admin')
  nanqiao = await login(t.app, 'nanqiao_admin')
  const now = t.clock.now()
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: fengpu.headers,
    payload: {
      areaCode: FENGPU,
      title: '养生需求',
      anonymous: true,
      audience: { kind: 'area_residents' },
      questions,
      opensAt: new Date(now.getTime() - DAY).toISOString(),
      closesAt: new Date(now.getTime() + DAY).toISOString(),
    },
  })
  survey = res.json()
  for (const answers of [
    { needs: ['health'], ideas: '中医养生讲座' },
    { needs: ['health', 'parenting'], ideas: '想学八段锦，也想听养生课' },
    { needs: ['parenting'] },
  ]) {
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/public/surveys/${survey.slug}/responses`,
      payload: { answers },
    })
    expect(r.statusCode, r.body).toBe(201)
  }
  const o = await t.ctx.db.selectFrom('offering').select('id').orderBy('id').executeTakeFirstOrThrow()
  offeringId = o.id
  const e = await t.ctx.db.selectFrom('event').select('id').orderBy('id').executeTakeFirstOrThrow()
  eventId = e.id
})
afterAll(() => t.close())

const projectBody = () => ({
  areaCode: FENGPU,
  name: '贤韵养生堂（测试）',
  description: '中医养生讲座与八段锦',
  findings: [
    { surveyId: survey.id, questionKey: 'needs', optionKey: 'health', note: '三分之二的受访者需要养生服务' },
    { surveyId: survey.id, questionKey: 'ideas', theme: '养生' },
  ],
  offeringIds: [offeringId],
  eventIds: [eventId],
})

describe('service projects', () => {
  let project: { id: number; version: number }

  it('refuses findings and offerings that do not exist, and stores nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { findings: [{ surveyId: survey.id, questionKey: 'needs', optionKey: 'sleep' }] },
        'project_finding_invalid',
      ],
      [{ findings: [{ surveyId: survey.id, questionKey: 'nope' }] }, 'project_finding_invalid'],
      [
        { findings: [{ surveyId: survey.id, questionKey: 'needs', theme: '养生' }] },
        'project_finding_invalid',
      ],
      [{ findings: [{ surveyId: 999999, questionKey: 'needs' }] }, 'project_finding_invalid'],
      [{ offeringIds: [999999] }, 'project_unknown_offering'],
      [{ eventIds: [999999] }, 'project_unknown_event'],
    ]
    for (const [patch, code] of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/service-projects',
        headers: fengpu.headers,
        payload: { ...projectBody(), ...patch },
      })
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().code).toBe(code)
    }
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/service-projects',
      headers: nanqiao.headers,
      payload: projectBody(),
    })
    expect(other.statusCode).toBe(403)
    expect(
      await t.ctx.db
        .selectFrom('service_project')
        .select('id')
        .where('name', '=', '贤韵养生堂（测试）')
        .execute(),
    ).toEqual([])
  })

  it('shows the chain survey → finding → project → participation', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/service-projects',
      headers: fengpu.headers,
      payload: projectBody(),
    })
    expect(res.statusCode, res.body).toBe(201)
    project = res.json()
    for (const r of [
      { heldOn: '2026-03-01', title: '第一讲', ratingAvg: 4.5, ratingCount: 20 },
      { heldOn: '2026-03-08', title: '第二讲', ratingAvg: 4, ratingCount: 10 },
    ]) {
      const add = await t.app.inject({
        method: 'POST',
        url: `/api/service-projects/${project.id}/results`,
        headers: fengpu.headers,
        payload: r,
      })
      expect(add.statusCode, add.body).toBe(201)
    }
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/service-projects/${project.id}/results`,
      headers: fengpu.headers,
      // A rating without the number of ratings is refused.
      payload: { heldOn: '2026-03-09', title: 'x', ratingAvg: 4 },
    })
    expect(bad.statusCode).toBe(400)
    const p = (
      await t.app.inject({
        method: 'GET',
        url: `/api/service-projects/${project.id}`,
        headers: fengpu.headers,
      })
    ).json()
    // Evidence: 2 of 3 respondents ticked 养生; 2 of the 2 free-text answers mention 养生.
    expect(
      p.findings.map((f: Record<string, unknown>) => [
        f.questionTitle,
        f.optionLabel,
        f.theme,
        f.count,
        f.answered,
      ]),
    ).toEqual([
      ['需要哪些服务', '养生', null, 2, 3],
      ['建议', null, '养生', 2, 2],
    ])
    expect(p.offerings.map((o: { id: number }) => o.id)).toEqual([offeringId])
    expect(p.eventIds).toEqual([eventId])
    // (4.5 × 20 + 4 × 10) / 30 = 4.33
    expect(p.totals).toMatchObject({ ratedSessions: 2, ratingAvg: 4.33, responses: 3 })
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/service-projects/${project.id}`,
      headers: nanqiao.headers,
    })
    expect(hidden.statusCode).toBe(403)
  })

  it('edits with an optimistic lock', async () => {
    const put = (version: number) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/service-projects/${project.id}`,
        headers: fengpu.headers,
        payload: { ...projectBody(), status: 'running', eventIds: [], version },
      })
    const [a, b] = await Promise.all([put(project.version), put(project.version)])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const p = (
      await t.app.inject({
        method: 'GET',
        url: `/api/service-projects/${project.id}`,
        headers: fengpu.headers,
      })
    ).json()
    expect(p).toMatchObject({ status: 'running', version: project.version + 1, eventIds: [] })
  })
})

describe('content by QR', () => {
  const mp3 = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(2000, 1)])
  let item: { id: number; slug: string }

  it('recognises audio by its signature', () => {
    expect(sniffAudio(mp3)).toBe('audio/mpeg')
    expect(sniffAudio(Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe('audio/mpeg')
    expect(sniffAudio(Buffer.concat([Buffer.from('OggS'), Buffer.alloc(20)]))).toBe('audio/ogg')
    const wav = Buffer.alloc(20)
    wav.write('RIFF', 0, 'latin1')
    wav.write('WAVE', 8, 'latin1')
    expect(sniffAudio(wav)).toBe('audio/wav')
    expect(sniffAudio(Buffer.from('<html><body>not audio</body></html>'))).toBeNull()
  })

  it('takes audio uploads checked by signature and size', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/qr-contents',
      headers: fengpu.headers,
      payload: { areaCode: FENGPU, kind: 'audio', title: '红色故事：南湖红船' },
    })
    expect(res.statusCode, res.body).toBe(201)
    item = res.json()
    const upload = (body: Buffer, type = 'audio/mpeg', id = item.id) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/qr-contents/${id}/audio`,
        headers: { ...fengpu.headers, 'content-type': type },
        payload: body,
      })
    const fake = await upload(Buffer.from('<html><body>definitely not audio</body></html>'))
    expect(fake.statusCode).toBe(400)
    expect(fake.json().code).toBe('qr_audio_invalid')
    // The default limit is 10 MB (TONGXIN_LISTEN_AUDIO_MAX_MB); listen.test.ts covers the limit in detail.
    const big = await upload(Buffer.concat([Buffer.from('ID3'), Buffer.alloc(10 * 1024 * 1024)]))
    expect(big.statusCode).toBe(413)
    expect(big.json().code).toBe('qr_audio_too_large')
    const ok = await upload(mp3)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ audioType: 'audio/mpeg', audioBytes: mp3.length })
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/qr-contents',
      headers: fengpu.headers,
      payload: { areaCode: FENGPU, kind: 'text', title: '入党誓词', body: '我志愿加入中国共产党……' },
    })
    const toText = await upload(mp3, 'audio/mpeg', text.json().id)
    expect(toText.statusCode).toBe(409)
    const outside = await t.app.inject({
      method: 'PUT',
      url: `/api/qr-contents/${item.id}/audio`,
      headers: { ...nanqiao.headers, 'content-type': 'audio/mpeg' },
      payload: mp3,
    })
    expect(outside.statusCode).toBe(403)
  })

  it('serves a public page, counts plays (not page loads) and prints a QR code', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/api/public/qr/${item.slug}` })
    expect(page.json()).toMatchObject({ title: '红色故事：南湖红船', hasAudio: true, plays: 0 })
    await t.app.inject({ method: 'GET', url: `/api/public/qr/${item.slug}` })
    const audio = await t.app.inject({ method: 'GET', url: `/api/public/qr/${item.slug}/audio` })
    expect(audio.headers['content-type']).toBe('audio/mpeg')
    expect(audio.rawPayload.equals(mp3)).toBe(true)
    const plays = await Promise.all(
      [1, 2, 3].map(() => t.app.inject({ method: 'POST', url: `/api/public/qr/${item.slug}/plays` })),
    )
    expect(plays.map((p) => p.statusCode)).toEqual([200, 200, 200])
    // One client repeating the call is one play (listen.test.ts covers the throttle).
    expect((await t.app.inject({ method: 'GET', url: `/api/public/qr/${item.slug}` })).json().plays).toBe(1)
    const svg = await t.app.inject({
      method: 'GET',
      url: `/api/qr-contents/${item.id}/qr`,
      headers: fengpu.headers,
    })
    expect(svg.headers['content-type']).toContain('image/svg+xml')
    expect(svg.body).toContain('<svg')
    const png = await t.app.inject({
      method: 'GET',
      url: `/api/qr-contents/${item.id}/qr?format=png`,
      headers: fengpu.headers,
    })
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG')
    const sq = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${survey.id}/qr`,
      headers: fengpu.headers,
    })
    expect(sq.body).toContain('<svg')
  })
})

describe('demo data', () => {
  it('links the 贤韵 projects to 奉浦街道’s white-collar survey, whose answers support them', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/surveys', headers: fengpu.headers })).json()
    const demo = list.items.find((s: { title: string }) => s.title === '奉浦街道楼宇白领需求调查')
    expect(demo).toMatchObject({ responses: 320, state: 'closed', anonymous: true })
    const projects = (
      await t.app.inject({ method: 'GET', url: '/api/service-projects', headers: fengpu.headers })
    ).json()
    const names = projects.items.map((p: { name: string }) => p.name)
    expect(names).toEqual(expect.arrayContaining(['贤韵修身堂', '贤韵养生堂', '贤韵亲子汇', '扫码听红音']))
    for (const p of projects.items.filter(
      (x: { name: string }) => names.includes(x.name) && x.name !== '贤韵养生堂（测试）',
    )) {
      const full = (
        await t.app.inject({ method: 'GET', url: `/api/service-projects/${p.id}`, headers: fengpu.headers })
      ).json()
      for (const f of full.findings) {
        expect(f.surveyId).toBe(demo.id)
        // Every finding is backed by answers, not just asserted.
        expect(f.count, `${p.name}: ${f.questionKey}/${f.optionKey ?? f.theme}`).toBeGreaterThan(0)
      }
      // Computed from linked rows: the 贤韵 series (weekly from four weeks ago, so four sessions are over) and
      // their check-ins; 扫码听红音 runs no events, its reach is the plays of its stories.
      const { n: attended } = await t.ctx.db
        .selectFrom('service_project_event as pe')
        .innerJoin('event as e', 'e.id', 'pe.event_id')
        .innerJoin('event_registration as r', 'r.event_id', 'e.id')
        .where('pe.project_id', '=', p.id)
        .where('e.ends_at', '<=', t.clock.now())
        .where('r.status', '=', 'attended')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
      const { n: plays } = await t.ctx.db
        .selectFrom('qr_content')
        .where('project_id', '=', p.id)
        .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('plays'), eb.lit(0)).as('n'))
        .executeTakeFirstOrThrow()
      expect(full.totals.responses, p.name).toBe(320)
      if (p.name === '扫码听红音') {
        expect(full.totals).toMatchObject({ eventsHeld: 0, participants: 0, plays: Number(plays) })
        expect(full.totals.plays).toBeGreaterThan(0)
      } else {
        expect(full.eventIds, p.name).toHaveLength(8)
        expect(full.totals, p.name).toMatchObject({ eventsHeld: 4, participants: Number(attended), plays: 0 })
        expect(full.totals.participants, p.name).toBeGreaterThan(0)
      }
      expect(p).toMatchObject({
        eventsHeld: full.totals.eventsHeld,
        participants: full.totals.participants,
        plays: full.totals.plays,
      })
    }
    const x = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${demo.id}/crosstab?question=needs&by=building`,
      headers: fengpu.headers,
    })
    const rows = x.json().rows as Array<{ label: string; respondents: number }>
    expect(rows.reduce((s, r) => s + r.respondents, 0)).toBe(320)
    expect(rows.map((r) => r.label)).toContain('奉浦大厦')
  })
})
