/** Every demo account shares this password; it is printed in the README. Demo mode only. */
export const DEMO_PASSWORD = 'tongxin-demo'

/** member_demo's name, which is also the name of the member the account is linked to (events.ts). */
export const MEMBER_DEMO_NAME = '王小青'

const FENGXIAN = '310120'
const FENGPU = '310120002'
const NANQIAO = '310120101'
const HONGMEI = '310104012'

export type DemoGrant =
  | { role: string; scopeType: string; scopeId: string | null; areaCode: string | null }
  | { role: string; building: string }
  | { role: string; partyOrg: string }
  | { role: string; unit: string }

export const DEMO_ACCOUNTS: Array<{
  username: string
  displayName: string
  phone: string
  grants: DemoGrant[]
}> = [
  {
    username: 'admin',
    displayName: '市级管理员',
    phone: '13800000001',
    grants: [{ role: 'admin', scopeType: 'city', scopeId: null, areaCode: null }],
  },
  {
    username: 'fengxian_admin',
    displayName: '奉贤区社工委',
    phone: '13800000002',
    grants: [{ role: 'district_admin', scopeType: 'area', scopeId: FENGXIAN, areaCode: FENGXIAN }],
  },
  {
    username: 'fengpu_admin',
    displayName: '奉浦街道社工委',
    phone: '13800000003',
    grants: [{ role: 'street_admin', scopeType: 'area', scopeId: FENGPU, areaCode: FENGPU }],
  },
  {
    username: 'nanqiao_admin',
    displayName: '南桥镇社工委',
    phone: '13800000004',
    grants: [{ role: 'street_admin', scopeType: 'area', scopeId: NANQIAO, areaCode: NANQIAO }],
  },
  {
    username: 'hongmei_admin',
    displayName: '虹梅路街道社工委',
    phone: '13800000005',
    grants: [{ role: 'street_admin', scopeType: 'area', scopeId: HONGMEI, areaCode: HONGMEI }],
  },
  {
    username: 'chief_demo',
    displayName: '绿地翡翠国际广场楼长',
    phone: '13800000007',
    grants: [{ role: 'building_chief', building: '绿地翡翠国际广场' }],
  },
  {
    username: 'secretary_demo',
    displayName: '开发区党委书记',
    phone: '13800000008',
    grants: [{ role: 'secretary', partyOrg: '中共上海市工业综合开发区委员会' }],
  },
  {
    username: 'provider_demo',
    displayName: '“杨妈妈”服务平台',
    phone: '13800000009',
    grants: [{ role: 'provider', unit: '“杨妈妈”创新创业服务平台' }],
  },
  {
    username: 'member_demo',
    displayName: MEMBER_DEMO_NAME,
    phone: '13800000006',
    grants: [{ role: 'member', scopeType: 'area', scopeId: FENGPU, areaCode: FENGPU }],
  },
]
