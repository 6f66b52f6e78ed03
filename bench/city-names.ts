/**
 * Helpers for the city-scale generator (bench/city-data.ts): a seeded PRNG, dates as day numbers, the
 * vocabulary names are built from, and search text composed from per-piece pinyin.
 */
import { searchText } from '../server/src/lib/pinyin.ts'

/** sfc32 seeded through cyrb128: fast, and a stream per table keeps each table's rows stable on its own. */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number, stream: string) {
    let h1 = 1779033703
    let h2 = 3144134277
    let h3 = 1013904242
    let h4 = 2773480762
    const key = `${seed}:${stream}`
    for (let i = 0; i < key.length; i++) {
      const k = key.charCodeAt(i)
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
    }
    this.a = h1 >>> 0
    this.b = h2 >>> 0
    this.c = h3 >>> 0
    this.d = h4 >>> 0
    for (let i = 0; i < 12; i++) this.next()
  }

  /** [0, 1) */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return (t >>> 0) / 4294967296
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }

  normal(): number {
    const u = 1 - this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }
}

/** Cumulative weights for picking an index in proportion to its weight (binary search, so O(log n)). */
export class WeightedPicker {
  private readonly cumulative: Float64Array

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length)
    let sum = 0
    for (let i = 0; i < weights.length; i++) {
      sum += weights[i]!
      this.cumulative[i] = sum
    }
  }

  get total(): number {
    return this.cumulative[this.cumulative.length - 1] ?? 0
  }

  pick(rng: Rng): number {
    const x = rng.next() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.cumulative[mid]! > x) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}

const DAY_MS = 86_400_000
export const day = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS)
export const isoDay = (d: number): string => new Date(d * DAY_MS).toISOString().slice(0, 10)

/** A COPY text-format line; the generated text never holds tabs, newlines or backslashes. */
export function line(values: ReadonlyArray<string | number | boolean | null>): string {
  let out = ''
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    out += (i === 0 ? '' : '\t') + (v === null ? '\\N' : v === true ? 't' : v === false ? 'f' : String(v))
  }
  return `${out}\n`
}

/**
 * The app's searchText() costs ~20 µs a call (pinyin-pro), too slow for 1.4 M names; names here are built
 * from a small vocabulary, so each piece is converted once and the pieces' pinyin is concatenated.
 */
export class SearchText {
  private readonly cache = new Map<string, [string, string]>()

  of(...pieces: string[]): string {
    let text = ''
    let full = ''
    let initials = ''
    for (const piece of pieces) {
      let hit = this.cache.get(piece)
      if (!hit) {
        const parts = searchText(piece).split(' ')
        hit = [parts[1] ?? '', parts[2] ?? '']
        this.cache.set(piece, hit)
      }
      text += piece
      full += hit[0]
      initials += hit[1]
    }
    return `${text.toLowerCase()} ${full} ${initials}`
  }
}

const chars = (s: string) => Array.from(s)

// Common surnames, most frequent first, so picking by rank weight gives a plausible mix.
export const SURNAMES = chars(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
)
export const GIVEN = chars(
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉玲飞建国宇浩然婷雪琳晨欣怡佳俊峰斌波宁凯瑞晓彤雨轩子涵梓睿思颖嘉文博海燕志鑫昊天琪悦',
)
export const FIRM_CHARS = chars(
  '华信达恒通泰隆盛联创智汇博远安康瑞丰源鼎宏升嘉和新元星海宇德诚亿晟凯锦天启明昊润禾弘誉辰拓峰中正祥乾坤聚合云帆悦众腾翔浦江申沪虹',
)
export const INDUSTRIES = [
  ['information_tech', '信息科技'],
  ['software', '软件'],
  ['finance', '投资管理'],
  ['trade', '贸易'],
  ['consulting', '企业管理咨询'],
  ['design', '建筑设计'],
  ['media', '文化传媒'],
  ['logistics', '供应链管理'],
  ['biotech', '生物医药科技'],
  ['education', '教育科技'],
  ['legal', '律师事务所'],
  ['accounting', '会计师事务所'],
  ['advertising', '广告'],
  ['real_estate', '物业管理'],
  ['manufacturing', '智能制造'],
  ['ecommerce', '电子商务'],
  ['human_resources', '人力资源'],
  ['engineering', '工程技术'],
] as const
export const SOCIAL_SUFFIXES = [
  '社会工作服务中心',
  '公益促进会',
  '志愿服务社',
  '行业协会',
  '发展基金会',
  '社区服务中心',
]
export const BUILDING_SUFFIXES = [
  '大厦',
  '广场',
  '中心',
  '国际大厦',
  '商务楼',
  '金融中心',
  '大楼',
  '科技大厦',
  '企业天地',
]
export const PARK_SUFFIXES = ['科技园', '创意产业园', '产业园', '商务园', '智造园', '软件园']
export const ROADS = [
  '淮海中路',
  '南京西路',
  '延安西路',
  '中山北路',
  '世纪大道',
  '张杨路',
  '浦东南路',
  '长宁路',
  '虹桥路',
  '天山路',
  '吴中路',
  '漕溪北路',
  '宜山路',
  '徐汇路',
  '曹杨路',
  '武宁路',
  '真北路',
  '金沙江路',
  '汶水路',
  '共和新路',
  '四平路',
  '大连路',
  '控江路',
  '国权路',
  '松花江路',
  '龙华中路',
  '肇嘉浜路',
  '陆家嘴环路',
  '银城中路',
  '商城路',
  '花园石桥路',
  '威海路',
  '北京西路',
  '四川北路',
  '漕宝路',
  '田林路',
  '桂平路',
  '钦州北路',
  '虹梅路',
  '莲花路',
]
export const PROPERTY_COMPANIES = [
  '陆家嘴物业',
  '东湖物业',
  '上实物业',
  '仲量联行',
  '世邦魏理仕',
  '第一太平戴维斯',
  '锦江物业',
  '新长宁物业',
]
export const EDUCATION = ['高中', '大专', '本科', '本科', '本科', '硕士研究生', '博士研究生']
export const STATION_KINDS = [
  ['service_station', '党建服务站'],
  ['micro_home', '党建微家'],
  ['center', '党群服务中心'],
  ['life_station', '生活驿站'],
] as const
