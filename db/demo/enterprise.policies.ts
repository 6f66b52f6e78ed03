import type { Rule } from '../../server/src/modules/enterprise/rules/types.ts'
import { NANQIAO } from './fengchuanggu.ts'
import { FENGPU, FENGXIAN } from './fengxian.ts'

/** 奉贤-style enterprise policies, written for the demo; each rule is validated as the API would. */
export const POLICIES: {
  title: string
  issuer: string
  area: string
  benefit: string
  documents: string[]
  rule: Rule
}[] = [
  {
    title: '人才安居租房补贴',
    issuer: '奉贤区人才工作领导小组办公室',
    area: FENGXIAN,
    benefit: '引进人才在区内租房的，按每人每月最高1500元给予租房补贴，最长36个月。',
    documents: ['营业执照', '劳动合同', '社保缴纳证明', '租房合同'],
    rule: {
      and: [
        { field: 'kind', op: 'in', value: ['private', 'foreign', 'state'] },
        { field: 'settled_on', op: 'within_months', value: 36 },
        { field: 'social_insured', op: 'gte', value: 5 },
      ],
    },
  },
  {
    title: '小微企业稳岗补贴',
    issuer: '奉贤区人力资源和社会保障局',
    area: FENGXIAN,
    benefit: '上年度未裁员或裁员率低于规定比例的小微企业，按参保人数每人500元一次性补贴。',
    documents: ['营业执照', '上年度社保缴费明细', '稳岗承诺书'],
    rule: {
      and: [
        { field: 'kind', op: 'in', value: ['private', 'foreign'] },
        { field: 'employees', op: 'between', value: [1, 100] },
        { field: 'revenue_band', op: 'in', value: ['lt_5m', '5m_20m'] },
      ],
    },
  },
  {
    title: '高新技术企业认定奖励',
    issuer: '奉贤区科学技术委员会',
    area: FENGXIAN,
    benefit: '首次通过高新技术企业认定的，一次性奖励20万元；重新认定的奖励10万元。',
    documents: ['高新技术企业证书', '营业执照', '研发费用专项审计报告'],
    rule: {
      and: [
        { field: 'high_tech', op: 'eq', value: true },
        { not: { field: 'kind', op: 'in', value: ['social_org', 'agency'] } },
        {
          or: [
            { field: 'rd_ratio', op: 'gte', value: 3 },
            { field: 'revenue_band', op: 'eq', value: 'gte_100m' },
          ],
        },
      ],
    },
  },
  {
    title: '孵化器入驻企业房租补贴',
    issuer: '上海市工业综合开发区管委会',
    area: NANQIAO,
    benefit: '在区内认定孵化器入驻的初创企业，前两年房租按50%给予补贴，每年最高10万元。',
    documents: ['入孵协议', '租赁合同', '营业执照'],
    rule: {
      and: [
        { field: 'incubation', op: 'eq', value: 'incubating' },
        { field: 'employees', op: 'lte', value: 50 },
      ],
    },
  },
  {
    title: '孵化毕业企业留区发展奖励',
    issuer: '奉贤区发展和改革委员会',
    area: FENGXIAN,
    benefit: '孵化毕业后在区内继续经营的企业，给予一次性发展奖励5万元。',
    documents: ['毕业证明', '营业执照', '经营场所证明'],
    rule: {
      and: [
        { field: 'incubation', op: 'eq', value: 'graduated' },
        { field: 'area', op: 'in', value: [FENGXIAN] },
      ],
    },
  },
  {
    title: '研发投入后补助',
    issuer: '奉贤区科学技术委员会',
    area: FENGXIAN,
    benefit: '按上年度研发投入增量的10%给予后补助，单个企业最高100万元。',
    documents: ['研发费用辅助账', '所得税年度申报表'],
    rule: {
      and: [
        { field: 'rd_ratio', op: 'gte', value: 5 },
        { field: 'revenue_band', op: 'in', value: ['5m_20m', '20m_100m', 'gte_100m'] },
        {
          field: 'industry',
          op: 'in',
          value: ['制造业', '科学研究和技术服务业', '信息传输、软件和信息技术服务业'],
        },
      ],
    },
  },
  {
    title: '新落户企业开办扶持',
    issuer: '奉浦街道',
    area: FENGPU,
    benefit: '新落户楼宇的企业，首年给予办公用房租金30%的开办扶持，并提供24小时帮办服务。',
    documents: ['营业执照', '租赁合同'],
    rule: {
      and: [
        { field: 'settled_on', op: 'within_months', value: 12 },
        { not: { field: 'kind', op: 'eq', value: 'agency' } },
      ],
    },
  },
  {
    title: '社会组织公益创投资助',
    issuer: '奉贤区民政局',
    area: FENGXIAN,
    benefit: '面向社区需求的公益项目，单个项目资助5万至20万元。',
    documents: ['登记证书', '项目申报书', '上年度工作报告'],
    rule: {
      and: [
        { field: 'kind', op: 'eq', value: 'social_org' },
        { field: 'employees', op: 'gte', value: 3 },
      ],
    },
  },
]
