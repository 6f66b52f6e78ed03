import type { DemoBuilder } from './builder.ts'
import { FENGPU } from './fengxian.ts'
import { at } from './surveys.common.ts'

// The 贤韵 service projects 奉浦街道 designed from its white-collar survey: each cites the survey's findings,
// links the exchange's offerings it uses and the events it ran (the events demo's 贤韵 series, by title), so
// its results — events held, attendance, plays, responses — are computed from those rows, never typed.
// Draws no random numbers.

/** Inserts the four projects; returns the id of 扫码听红音, which the QR content items belong to. */
export async function xianyunProjects(b: DemoBuilder, fengpuId: number): Promise<number> {
  const offering = async (name: string) =>
    (await b.db.selectFrom('offering').select('id').where('name', '=', name).orderBy('id').executeTakeFirst())
      ?.id
  const projects: Array<{
    name: string
    description: string
    findings: Array<{ question: string; option?: string; theme?: string; note: string }>
    offerings: string[]
  }> = [
    {
      name: '贤韵修身堂',
      description: '午休和下班后的瑜伽、太极、八段锦课程，在楼宇党群服务站开课。',
      findings: [
        { question: 'needs', option: 'fitness', note: '修身健体是白领选得最多的需求之一' },
        { question: 'ideas', theme: '瑜伽', note: '建议中反复出现“瑜伽”' },
      ],
      offerings: ['午间健身课'],
    },
    {
      name: '贤韵养生堂',
      description: '请中医进楼宇讲颈椎、腰椎保健和四季养生，配合职工健康体检。',
      findings: [
        { question: 'needs', option: 'health', note: '35 岁以上白领最关心养生' },
        { question: 'ideas', theme: '中医', note: '建议中多次提到中医讲座和义诊' },
      ],
      offerings: ['职工健康体检'],
    },
    {
      name: '贤韵亲子汇',
      description: '周末亲子活动和暑期子女托管，面向楼宇里有孩子的职工。',
      findings: [
        { question: 'needs', option: 'parenting', note: '35–44 岁白领中选择亲子服务的比例最高' },
        { question: 'kids', option: '6_12', note: '孩子多在 6–12 岁，暑期托管需求明显' },
      ],
      offerings: ['亲子活动日', '暑期子女托管'],
    },
    {
      name: '扫码听红音',
      description: '几分钟一段的红色故事和党史小知识，贴在楼宇电梯口，扫码即听。',
      findings: [
        { question: 'needs', option: 'red_culture', note: '近三成白领希望学习红色文化' },
        { question: 'ideas', theme: '音频', note: '建议“通勤路上听”“扫码就能听”' },
      ],
      offerings: ['红色观影', '百场党课进楼宇'],
    },
  ]
  const now = at(b.today, -50)
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
    // The series the events demo ran under this project's name (贤韵修身堂·读书会 …) in 奉浦.
    const events = await b.db
      .selectFrom('event')
      .select('id')
      .where('area_code', '=', FENGPU)
      .where('title', 'like', `${p.name}·%`)
      .orderBy('id')
      .execute()
    if (events.length > 0)
      await b.db
        .insertInto('service_project_event')
        .values(events.map((e) => ({ project_id: row.id, event_id: e.id })))
        .execute()
  }
  return redProject
}
