import type { Group } from './types.ts'

// Shanghai's rule for what the composters cannot crush, beyond the families in food-plants.ts: the hard shells
// of clams, mussels, scallops and sea snails, and the large bones of pigs, cattle and sheep are dry. The thin
// shells of river snails (螺蛳壳, 田螺壳), shrimp and crab shells and small bones stay wet (food-animal.ts).
export const shellsBones: Group[] = [
  {
    category: 'dry',
    reason: '大骨头和硬贝壳质地坚硬、难以粉碎，上海规定按干垃圾投放',
    items: `硬贝壳 扇贝壳 蛤蜊壳|花甲壳|蛤壳 青口壳|贻贝壳 蚬子壳|蚬壳 河蚌壳 北极贝壳 花螺壳 香螺壳
      猪骨头|猪骨 牛骨棒 羊骨头|羊骨 猪排大骨 腔骨|龙骨 扇子骨 牛尾骨`,
  },
]
