import { buildingMisc } from './building-misc.ts'
import { everydayMore } from './everyday-more.ts'
import { foodAnimal } from './food-animal.ts'
import { foodMore } from './food-more.ts'
import { foodPlants } from './food-plants.ts'
import { goodsMore } from './goods-more.ts'
import { hazardousMedical } from './hazardous-medical.ts'
import { household } from './household.ts'
import { namedGoods } from './named-goods.ts'
import { packaging } from './packaging.ts'
import { paperOffice } from './paper-office.ts'
import { shellsBones } from './shells-bones.ts'
import { textilesElectronics } from './textiles-electronics.ts'
import { expandGroups, type Group, type SeedEntry } from './types.ts'

export type { Group, SeedEntry } from './types.ts'

/** Every group, in the order conflicts are settled: a name seen twice keeps its first entry. */
export const GROUPS: readonly Group[] = [
  ...hazardousMedical,
  ...foodPlants,
  ...foodAnimal,
  ...packaging,
  ...paperOffice,
  ...textilesElectronics,
  ...household,
  ...buildingMisc,
  ...foodMore,
  ...goodsMore,
  ...namedGoods,
  ...everydayMore,
  ...shellsBones,
]

/** The dictionary shipped with the code: one entry per name, aliases that are some other entry's name dropped. */
export function seedDictionary(): SeedEntry[] {
  const byName = new Map<string, SeedEntry>()
  for (const e of expandGroups(GROUPS)) if (!byName.has(e.name)) byName.set(e.name, e)
  return [...byName.values()].map((e) => ({
    ...e,
    aliases: [...new Set(e.aliases)].filter((a) => a !== e.name && !byName.has(a)),
  }))
}
