import type { DemoBuilder } from './builder.ts'

/** Demo data of the volunteers module; runs inside loadDemo's transaction after the registry, exchange and accounts. */
export async function loadVolunteersDemo(
  _b: DemoBuilder,
  _accounts: ReadonlyMap<string, number>,
): Promise<void> {}
