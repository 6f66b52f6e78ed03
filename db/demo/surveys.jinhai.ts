import { validateQuestions } from '../../server/src/modules/surveys/questionnaire.ts'
import type { DemoBuilder } from './builder.ts'
import { JINHAI, JINHAI_COMMUNITIES } from './fengxian.ts'
import { type Answers, ageQuestion, at, demoSlug, insertResponses } from './surveys.common.ts'

// 金海街道's residents' survey of community welfare needs: open now, so the demo has a survey still collecting.

/** Creates the survey and its 180 responses. */
export async function jinhaiSurvey(b: DemoBuilder, createdBy: number | null) {
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
    ageQuestion([
      { key: '25_34', label: '34岁及以下' },
      { key: '35_44', label: '35–44岁' },
      { key: '45_59', label: '45–59岁' },
      { key: '60_plus', label: '60岁及以上' },
    ]),
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
