import type { DemoBuilder } from './builder.ts'
import { fengpuSurvey } from './surveys.fengpu.ts'
import { jinhaiSurvey } from './surveys.jinhai.ts'
import { redStories } from './surveys.qr.ts'
import { xianyunProjects } from './surveys.xianyun.ts'

/** Demo data of the surveys module; runs inside loadDemo's transaction after the registry, exchange and accounts. */
export async function loadSurveysDemo(b: DemoBuilder, accounts: ReadonlyMap<string, number>): Promise<void> {
  const fengpuId = await fengpuSurvey(b, accounts.get('fengpu_admin') ?? null)
  await jinhaiSurvey(b, accounts.get('admin') ?? null)
  // Keep this order: the surveys and the stories draw from the seeded generator, and ids follow insertion.
  const redProject = await xianyunProjects(b, fengpuId)
  await redStories(b, redProject)
}
