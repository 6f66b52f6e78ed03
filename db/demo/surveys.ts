import { createHash } from 'node:crypto'
import type { SurveyQuestion } from '@tongxin/contracts'
import { validateAnswers, validateQuestions } from '../../server/src/modules/surveys/questionnaire.ts'
import type { DemoBuilder } from './builder.ts'
import { FENGPU, JINHAI, JINHAI_COMMUNITIES } from './fengxian.ts'

type Answers = Record<string, string | number | string[]>
const DAY = 86_400_000

/** A day relative to the load date, at 09:00 Shanghai. */
const at = (today: string, days: number) =>
  new Date(new Date(`${today}T09:00:00+08:00`).getTime() + days * DAY)

/** A slug that is the same on every load (demo links in the docs stay valid), derived from a name. */
const demoSlug = (name: string) =>
  createHash('sha256').update(`tongxin-demo:${name}`).digest('base64url').slice(0, 12)

const NEED_OPTIONS = [
  { key: 'fitness', label: '修身健体（瑜伽、太极、八段锦）' },
  { key: 'health', label: '中医养生与健康讲座' },
  { key: 'parenting', label: '亲子活动与子女托管' },
  { key: 'red_culture', label: '红色文化与党史学习' },
  { key: 'career', label: '职业发展与技能培训' },
  { key: 'social', label: '青年交友联谊' },
  { key: 'mental', label: '心理减压' },
]

const IDEAS: Record<string, string[]> = {
  fitness: [
    '午休时间想练瑜伽',
    '希望楼里有太极拳课程',
    '下班后想练八段锦，颈椎不好',
    '想要一个瑜伽教室',
    '组织健步走和瑜伽',
  ],
  health: [
    '希望开设中医养生讲座',
    '想听中医讲颈椎和腰椎保健',
    '养生茶饮和中医推拿体验',
    '定期请中医来楼宇义诊',
  ],
  parenting: [
    '周末亲子活动，带孩子参加',
    '暑假孩子没人带，希望有托管',
    '亲子阅读和手工课',
    '希望有亲子运动会',
  ],
  red_culture: [
    '通勤路上想听红色故事音频',
    '扫码就能听的党史小故事',
    '红色故事音频，每段几分钟就好',
    '希望有红色主题的音频节目',
  ],
  career: ['职业技能培训，最好是晚上', '希望有职业规划讲座'],
  social: ['楼宇之间的青年交友活动', '多办读书会认识其他公司的人'],
  mental: ['工作压力大，想要心理疏导', '希望有心理咨询热线'],
}

/** Probability of ticking each need by age band: the young want fitness and friends, parents want 亲子, elders 养生. */
const NEED_WEIGHTS: Record<string, Record<string, number>> = {
  under_25: {
    fitness: 0.55,
    health: 0.15,
    parenting: 0.05,
    red_culture: 0.3,
    career: 0.5,
    social: 0.6,
    mental: 0.3,
  },
  '25_34': {
    fitness: 0.5,
    health: 0.25,
    parenting: 0.35,
    red_culture: 0.3,
    career: 0.4,
    social: 0.35,
    mental: 0.3,
  },
  '35_44': {
    fitness: 0.4,
    health: 0.45,
    parenting: 0.6,
    red_culture: 0.35,
    career: 0.2,
    social: 0.1,
    mental: 0.25,
  },
  '45_59': {
    fitness: 0.35,
    health: 0.7,
    parenting: 0.2,
    red_culture: 0.45,
    career: 0.1,
    social: 0.05,
    mental: 0.15,
  },
}

async function insertResponses(
  b: DemoBuilder,
  surveyId: number,
  questions: SurveyQuestion[],
  rows: Array<{ answers: Answers; at: Date }>,
) {
  const values = rows.map((r, i) => {
    // The same rules as the API: a demo response that the answering page would refuse is a bug here.
    const answers = validateAnswers(questions, r.answers)
    const attr = (name: string) => {
      const q = questions.find((x) => x.attribute === name)
      return q && typeof answers[q.key] === 'string' ? (answers[q.key] as string) : null
    }
    return {
      survey_id: surveyId,
      device_hash: createHash('sha256').update(`demo-device:${surveyId}:${i}`).digest('base64url'),
      answers: JSON.stringify(answers),
      area_code: attr('area'),
      building: attr('building'),
      unit_kind: attr('unit_kind'),
      age_band: attr('age_band'),
      submitted_at: r.at,
    }
  })
  for (let i = 0; i < values.length; i += 200) {
    await b.db
      .insertInto('survey_response')
      .values(values.slice(i, i + 200))
      .execute()
  }
}

async function fengpuSurvey(b: DemoBuilder, createdBy: number | null) {
  const buildings = await b.db
    .selectFrom('building')
    .select(['id', 'name'])
    .where('area_code', '=', FENGPU)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute()
  const questions = validateQuestions([
    {
      key: 'building',
      type: 'single',
      title: '您在哪栋楼宇工作？',
      required: true,
      attribute: 'building',
      options: buildings.map((x) => ({ key: String(x.id), label: x.name })),
    },
    {
      key: 'age',
      type: 'single',
      title: '您的年龄段',
      required: true,
      attribute: 'age_band',
      options: [
        { key: 'under_25', label: '25岁以下' },
        { key: '25_34', label: '25–34岁' },
        { key: '35_44', label: '35–44岁' },
        { key: '45_59', label: '45–59岁' },
      ],
    },
    {
      key: 'unit_kind',
      type: 'single',
      title: '您所在单位的类型',
      required: true,
      attribute: 'unit_kind',
      options: [
        { key: 'private', label: '民营企业' },
        { key: 'foreign', label: '外资企业' },
        { key: 'state', label: '国有企业' },
        { key: 'social_org', label: '社会组织' },
      ],
    },
    {
      key: 'needs',
      type: 'multiple',
      title: '您最希望楼宇提供哪些服务？（最多选三项）',
      required: true,
      maxChoices: 3,
      options: NEED_OPTIONS,
    },
    {
      key: 'kids',
      type: 'single',
      title: '您的孩子多大？',
      required: true,
      showIf: { question: 'needs', anyOf: ['parenting'] },
      options: [
        { key: 'under_6', label: '6岁以下' },
        { key: '6_12', label: '6–12岁' },
        { key: '13_18', label: '13–18岁' },
      ],
    },
    {
      key: 'time',
      type: 'single',
      title: '您方便参加活动的时间',
      required: true,
      options: [
        { key: 'noon', label: '午休时间' },
        { key: 'evening', label: '下班后' },
        { key: 'weekend', label: '周末' },
      ],
    },
    {
      key: 'format',
      type: 'ranking',
      title: '请按喜好排序以下参与方式',
      required: false,
      options: [
        { key: 'offline', label: '线下课程' },
        { key: 'audio', label: '扫码收听音频' },
        { key: 'community', label: '社群活动' },
      ],
    },
    { key: 'sat', type: 'rating', title: '您对楼宇现有党群服务的满意度', required: true, scale: 5 },
    { key: 'ideas', type: 'text', title: '您还有什么建议？', required: false },
  ])
  const survey = await b.db
    .insertInto('survey')
    .values({
      slug: demoSlug('fengpu-white-collar'),
      area_code: FENGPU,
      title: '奉浦街道楼宇白领需求调查',
      description: '了解楼宇白领的服务需求，据此设计“贤韵”系列服务项目。扫码匿名作答，约 2 分钟。',
      anonymous: true,
      audience_kind: 'area_workers',
      audience_ids: [],
      questions: JSON.stringify(questions),
      opens_at: at(b.today, -90),
      closes_at: at(b.today, -60),
      created_by: createdBy,
      created_at: at(b.today, -95),
      updated_at: at(b.today, -95),
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  const ages = ['under_25', '25_34', '25_34', '25_34', '35_44', '35_44', '45_59']
  const kinds = ['private', 'private', 'private', 'private', 'foreign', 'state', 'social_org']
  const rows: Array<{ answers: Answers; at: Date }> = []
  for (let i = 0; i < 320; i++) {
    const age = b.rand.pick(ages)
    const weights = NEED_WEIGHTS[age]!
    let needs = NEED_OPTIONS.map((o) => o.key).filter((k) => b.rand.chance(weights[k]!))
    if (needs.length === 0) needs = [b.rand.pick(NEED_OPTIONS).key]
    while (needs.length > 3) needs.splice(b.rand.int(0, needs.length - 1), 1)
    const answers: Answers = {
      building: String(b.rand.pick(buildings).id),
      age,
      unit_kind: b.rand.pick(kinds),
      needs,
      time: b.rand.pick(['noon', 'noon', 'evening', 'evening', 'weekend']),
      sat: b.rand.pick([2, 3, 3, 4, 4, 4, 5, 5]),
    }
    if (needs.includes('parenting')) answers.kids = b.rand.pick(['under_6', '6_12', '6_12', '13_18'])
    if (b.rand.chance(0.6)) {
      const order = ['offline', 'audio', 'community']
      if (needs.includes('red_culture')) order.unshift(...order.splice(1, 1))
      else if (b.rand.chance(0.5)) order.reverse()
      answers.format = order
    }
    if (b.rand.chance(0.45)) answers.ideas = b.rand.pick(IDEAS[b.rand.pick(needs)]!)
    rows.push({ answers, at: at(b.today, -90 + Math.floor((i / 320) * 29) + b.rand.next()) })
  }
  await insertResponses(b, survey.id, questions, rows)
  return survey.id
}

async function jinhaiSurvey(b: DemoBuilder, createdBy: number | null) {
  const communities = await b.db
    .selectFrom('area')
    .select(['code', 'name'])
    .where('code', 'in', JINHAI_COMMUNITIES)
    .orderBy('code')
    .execute()
  const questions = validateQuestions([
    {
      key: 'community',
      type: 'single',
      title: '您住在哪个居民区？',
      required: true,
      attribute: 'area',
      options: communities.map((c) => ({ key: c.code, label: c.name })),
    },
    {
      key: 'age',
      type: 'single',
      title: '您的年龄段',
      required: true,
      attribute: 'age_band',
      options: [
        { key: '25_34', label: '34岁及以下' },
        { key: '35_44', label: '35–44岁' },
        { key: '45_59', label: '45–59岁' },
        { key: '60_plus', label: '60岁及以上' },
      ],
    },
    {
      key: 'welfare',
      type: 'multiple',
      title: '您觉得社区最需要哪些公益服务？',
      required: true,
      options: [
        { key: 'elderly', label: '为老助餐与上门照护' },
        { key: 'childcare', label: '儿童课后看护' },
        { key: 'disability', label: '助残服务' },
        { key: 'legal', label: '法律咨询' },
        { key: 'environment', label: '环境整治与垃圾分类' },
        { key: 'culture', label: '文体活动' },
      ],
    },
    {
      key: 'volunteer',
      type: 'single',
      title: '您愿意参加社区志愿服务吗？',
      required: true,
      options: [
        { key: 'yes', label: '愿意' },
        { key: 'maybe', label: '看时间' },
        { key: 'no', label: '暂不' },
      ],
    },
    {
      key: 'hours',
      type: 'number',
      title: '每月大约可以投入几小时？',
      required: false,
      min: 0,
      max: 60,
      showIf: { question: 'volunteer', anyOf: ['yes', 'maybe'] },
    },
    { key: 'ideas', type: 'text', title: '您对社区公益还有什么建议？', required: false },
  ])
  const survey = await b.db
    .insertInto('survey')
    .values({
      slug: demoSlug('jinhai-welfare'),
      area_code: JINHAI,
      title: '金海街道社区居民公益需求调研',
      description: '请居民说说社区最需要的公益服务，结果用于社会组织项目对接。匿名作答。',
      anonymous: true,
      audience_kind: 'area_residents',
      audience_ids: [],
      questions: JSON.stringify(questions),
      opens_at: at(b.today, -20),
      closes_at: at(b.today, 40),
      created_by: createdBy,
      created_at: at(b.today, -21),
      updated_at: at(b.today, -21),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const ideas = [
    '老人吃饭不方便，希望有助餐点',
    '孩子放学后没人照看',
    '垃圾分类点位要有人指导',
    '希望多办广场舞和合唱活动',
    '请律师定期来社区咨询',
    '楼道堆物需要整治',
    '独居老人需要上门探访',
  ]
  const rows: Array<{ answers: Answers; at: Date }> = []
  for (let i = 0; i < 180; i++) {
    const age = b.rand.pick(['25_34', '35_44', '45_59', '60_plus', '60_plus'])
    const welfare = ['elderly', 'childcare', 'disability', 'legal', 'environment', 'culture'].filter((k) =>
      b.rand.chance(
        k === 'elderly'
          ? age === '60_plus'
            ? 0.75
            : 0.4
          : k === 'childcare'
            ? age === '35_44'
              ? 0.6
              : 0.2
            : 0.3,
      ),
    )
    const answers: Answers = {
      community: b.rand.pick(communities).code,
      age,
      welfare: welfare.length > 0 ? welfare : ['environment'],
      volunteer: b.rand.pick(['yes', 'yes', 'maybe', 'maybe', 'no']),
    }
    if (answers.volunteer !== 'no' && b.rand.chance(0.7)) answers.hours = b.rand.int(2, 20)
    if (b.rand.chance(0.4)) answers.ideas = b.rand.pick(ideas)
    rows.push({ answers, at: at(b.today, -20 + (i / 180) * 19) })
  }
  await insertResponses(b, survey.id, questions, rows)
}

const RED_STORIES = [
  {
    title: '红色故事：奉贤的第一个党支部',
    body: '1927 年前后，奉贤地区的进步青年在乡间办夜校、传播新思想，秘密建立起党的基层组织。他们白天教书，夜里开会，把革命的火种留在了这片土地上。今天的楼宇党建，延续的正是这种“把组织建在身边”的传统。',
  },
  {
    title: '党史一分钟：“两新”组织为什么要建党组织',
    body: '非公有制企业和社会组织里的党员越来越多。把党组织建在楼宇、园区，党员就有了“家”，企业也多了一条联系政府、服务职工的纽带。每个季度的主题党日、每周的党课进楼宇，都是这条纽带的一部分。',
  },
  {
    title: '入党誓词（朗读稿）',
    body: '我志愿加入中国共产党，拥护党的纲领，遵守党的章程，履行党员义务，执行党的决定，严守党的纪律，保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，随时准备为党和人民牺牲一切，永不叛党。',
  },
]

/** Demo data of the surveys module; runs inside loadDemo's transaction after the registry, exchange and accounts. */
export async function loadSurveysDemo(b: DemoBuilder, accounts: ReadonlyMap<string, number>): Promise<void> {
  const fengpuId = await fengpuSurvey(b, accounts.get('fengpu_admin') ?? null)
  await jinhaiSurvey(b, accounts.get('admin') ?? null)

  const offering = async (name: string) =>
    (await b.db.selectFrom('offering').select('id').where('name', '=', name).orderBy('id').executeTakeFirst())
      ?.id
  const projects: Array<{
    name: string
    description: string
    findings: Array<{ question: string; option?: string; theme?: string; note: string }>
    offerings: string[]
    sessions: Array<[number, string, number, number, number]>
  }> = [
    {
      name: '贤韵修身堂',
      description: '午休和下班后的瑜伽、太极、八段锦课程，在楼宇党群服务站开课。',
      findings: [
        { question: 'needs', option: 'fitness', note: '修身健体是白领选得最多的需求之一' },
        { question: 'ideas', theme: '瑜伽', note: '建议中反复出现“瑜伽”' },
      ],
      offerings: ['午间健身课'],
      sessions: [
        [-45, '午间瑜伽第一期', 28, 4.6, 22],
        [-38, '八段锦入门', 24, 4.4, 18],
        [-31, '午间瑜伽第二期', 31, 4.7, 25],
      ],
    },
    {
      name: '贤韵养生堂',
      description: '请中医进楼宇讲颈椎、腰椎保健和四季养生，配合职工健康体检。',
      findings: [
        { question: 'needs', option: 'health', note: '35 岁以上白领最关心养生' },
        { question: 'ideas', theme: '中医', note: '建议中多次提到中医讲座和义诊' },
      ],
      offerings: ['职工健康体检'],
      sessions: [
        [-40, '中医讲颈椎保健', 45, 4.5, 30],
        [-26, '秋季养生茶饮', 38, 4.3, 26],
      ],
    },
    {
      name: '贤韵亲子汇',
      description: '周末亲子活动和暑期子女托管，面向楼宇里有孩子的职工。',
      findings: [
        { question: 'needs', option: 'parenting', note: '35–44 岁白领中选择亲子服务的比例最高' },
        { question: 'kids', option: '6_12', note: '孩子多在 6–12 岁，暑期托管需求明显' },
      ],
      offerings: ['亲子活动日', '暑期子女托管'],
      sessions: [
        [-35, '亲子手工坊', 22, 4.8, 20],
        [-21, '亲子运动会', 56, 4.6, 40],
      ],
    },
    {
      name: '扫码听红音',
      description: '几分钟一段的红色故事和党史小知识，贴在楼宇电梯口，扫码即听。',
      findings: [
        { question: 'needs', option: 'red_culture', note: '近三成白领希望学习红色文化' },
        { question: 'ideas', theme: '音频', note: '建议“通勤路上听”“扫码就能听”' },
      ],
      offerings: ['红色观影', '百场党课进楼宇'],
      sessions: [[-30, '首批红色故事上线', 160, 4.5, 60]],
    },
  ]
  const now = at(b.today, -50)
  const createdBy = accounts.get('fengpu_admin') ?? null
  let redProject = 0
  for (const p of projects) {
    const row = await b.db
      .insertInto('service_project')
      .values({
        area_code: FENGPU,
        name: p.name,
        description: p.description,
        status: 'running',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (p.name === '扫码听红音') redProject = row.id
    await b.db
      .insertInto('service_project_finding')
      .values(
        p.findings.map((f) => ({
          project_id: row.id,
          survey_id: fengpuId,
          question_key: f.question,
          option_key: f.option ?? null,
          theme: f.theme ?? null,
          note: f.note,
        })),
      )
      .execute()
    for (const name of p.offerings) {
      const id = await offering(name)
      if (id !== undefined)
        await b.db
          .insertInto('service_project_offering')
          .values({ project_id: row.id, offering_id: id })
          .execute()
    }
    for (const [days, title, participants, rating, count] of p.sessions) {
      await b.db
        .insertInto('service_project_result')
        .values({
          project_id: row.id,
          held_on: at(b.today, days).toISOString().slice(0, 10),
          title,
          participants,
          rating_avg: rating,
          rating_count: count,
          recorded_by: createdBy,
          created_at: at(b.today, days + 1),
        })
        .execute()
    }
  }
  for (const [i, s] of RED_STORIES.entries()) {
    await b.db
      .insertInto('qr_content')
      .values({
        slug: demoSlug(`red-story-${i}`),
        area_code: FENGPU,
        project_id: redProject,
        kind: 'text',
        title: s.title,
        body: s.body,
        plays: 40 + b.rand.int(0, 80),
        created_at: at(b.today, -30),
        updated_at: at(b.today, -30),
      })
      .execute()
  }
}
