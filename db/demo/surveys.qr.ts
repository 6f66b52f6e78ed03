import type { DemoBuilder } from './builder.ts'
import { FENGPU } from './fengxian.ts'
import { at, demoSlug } from './surveys.common.ts'

// The QR content items of 扫码听红音: short red stories posted by the lifts, with some plays already counted.

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

/** Inserts the stories under the project; each draws its play count from the seeded generator, in order. */
export async function redStories(b: DemoBuilder, projectId: number): Promise<void> {
  for (const [i, s] of RED_STORIES.entries()) {
    await b.db
      .insertInto('qr_content')
      .values({
        slug: demoSlug(`red-story-${i}`),
        area_code: FENGPU,
        project_id: projectId,
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
