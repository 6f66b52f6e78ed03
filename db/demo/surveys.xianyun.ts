import type { DemoBuilder } from './builder.ts'
import { FENGPU } from './fengxian.ts'
import { at } from './surveys.common.ts'

// The 贤韵 service projects 奉浦街道 designed from its white-collar survey: each cites the survey's findings,
// links the exchange's offerings it uses and records its sessions. Draws no random numbers.

/** Inserts the four projects; returns the id of 扫码听红音, which the QR content items belong to. */
export async function xianyunProjects(
  b: DemoBuilder,
  fengpuId: number,
  createdBy: number | null,
): Promise<number> {
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
  return redProject
}
