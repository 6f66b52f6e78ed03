import { validateQuestions } from '../../server/src/modules/surveys/questionnaire.ts'
import type { DemoBuilder } from './builder.ts'
import { FENGPU } from './fengxian.ts'
import { type Answers, ageQuestion, at, demoSlug, insertResponses } from './surveys.common.ts'

// 奉浦街道's white-collar needs survey: the evidence the 贤韵 service projects (surveys.xianyun.ts) cite.

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

/** Creates the survey and 320 responses drawn by age band; returns the survey id. */
export async function fengpuSurvey(b: DemoBuilder, createdBy: number | null) {
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
    ageQuestion([
      { key: 'under_25', label: '25岁以下' },
      { key: '25_34', label: '25–34岁' },
      { key: '35_44', label: '35–44岁' },
      { key: '45_59', label: '45–59岁' },
    ]),
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
