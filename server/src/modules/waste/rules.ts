import type { WasteCategory } from '@tongxin/contracts'

/**
 * General rules of the Shanghai regulation that hold for whole families of names, used when a query is not
 * in the dictionary. Each is checked against the end of the name (the thing itself, in Chinese word
 * order) unless it says otherwise; the first that fits wins. Dictionary entries always take precedence.
 */
export interface Rule {
  test: RegExp
  category: WasteCategory
  reason: string
}

export const RULES: readonly Rule[] = [
  {
    test: /(药渣|中药材|草药)$/,
    category: 'wet',
    reason: '中药材和药渣按湿垃圾投放',
  },
  {
    test: /(咖啡|茶|奶|酒|饮料)(胶囊|颗粒)$/,
    category: 'dry',
    reason: '饮品胶囊壳属干垃圾',
  },
  {
    test: /([1-9一二五七九]号|干|碱性|碳性|锌锰)电池$/,
    category: 'dry',
    reason: '普通干电池已无汞，上海按干垃圾投放',
  },
  {
    test: /(电池|电瓶|电芯)$/,
    category: 'hazardous',
    reason: '充电电池、纽扣电池、蓄电池属有害垃圾',
  },
  {
    test: /(灯管|节能灯|荧光灯|日光灯|卤素灯|led灯|汞灯)(泡)?$/,
    category: 'hazardous',
    reason: '含汞灯管和节能灯属有害垃圾',
  },
  {
    test: /(药|药品|药片|药丸|药水|药膏|软膏|乳膏|胶囊|冲剂|口服液|滴眼液|眼药水|注射液|针剂|片剂|喷雾剂|栓剂|药瓶|药板)$/,
    category: 'hazardous',
    reason: '药品及其内包装属有害垃圾',
  },
  {
    test: /(油漆|涂料|漆|稀释剂|杀虫剂|杀虫喷雾|灭蚊剂|农药|除草剂|老鼠药|鼠药|消毒液|消毒剂|消毒水|水银|温度计|体温计|血压计|指甲油|洗甲水|染发剂|染发膏|胶片|底片|x光片|机油|润滑油)$/,
    category: 'hazardous',
    reason: '有毒有害的化学品、含汞器具和感光胶片属有害垃圾',
  },
  {
    // Shells of clams, oysters and sea snails are hard (river snails' 螺蛳壳 and 田螺壳 are thin: wet); a bone is large when it is a leg, shin or
    // marrow bone or a whole pig's, cow's or sheep's bone — poultry and fish bones stay wet (next rule).
    test: /(榴莲壳|椰子壳|椰壳|榴莲核|菠萝蜜核|(海螺|花螺|香螺|[贝蚌蚝蛎蛤蚶蚬蛏])壳|(大|(?<![鸡鸭鹅])腿|筒|棒|[猪牛羊驴马])骨头?|骨棒)$/,
    category: 'dry',
    reason: '大骨头、硬贝壳和坚硬的果壳果核难以粉碎，上海规定属干垃圾',
  },
  {
    test: /(果皮|果核|果肉|菜叶|菜根|菜梗|蛋壳|虾壳|蟹壳|鱼骨|鱼刺|鱼鳞|碎骨|剩饭|剩菜|茶渣|茶叶|咖啡渣)$/,
    category: 'wet',
    reason: '食物残渣、果皮果核易腐烂，属湿垃圾',
  },
  {
    test: /^(塑料|玻璃|不锈钢|金属|铁|铝|铜|钢|木质|木制|实木)[^袋膜纸]+(瓶|罐|桶|盒|杯|碗|盆|盘|锅|壶|架|筐|箱|玩具|衣架|管|板|椅|凳)$/,
    category: 'recyclable',
    reason: '金属、玻璃、硬塑料和木质的器物可回收再生',
  },
  {
    test: /^(陶瓷|瓷|陶|紫砂|搪瓷)/,
    category: 'dry',
    reason: '陶瓷制品无法再生，属干垃圾',
  },
  {
    test: /^一次性/,
    category: 'dry',
    reason: '一次性用品多受污染，属干垃圾',
  },
  {
    test: /(电器|家电|电子产品|数码产品|充电器|数据线|遥控器|耳机|音箱|路由器|显示器|键盘|鼠标|手机|电脑|平板|相机|电视机|电视|冰箱|洗衣机|空调|微波炉|电饭煲|吹风机|电风扇|电动牙刷|剃须刀)$/,
    category: 'recyclable',
    reason: '废弃电器电子产品属可回收物',
  },
]

export function applyRules(text: string): Rule | null {
  for (const rule of RULES) if (rule.test.test(text)) return rule
  return null
}
