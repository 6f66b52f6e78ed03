import type { zhCNAccountsBundle } from './zh-CN.accounts.ts'
import type { zhCNDesk } from './zh-CN.desk.ts'
import { zhCNEnterprise, zhCNEnterpriseNav } from './zh-CN.enterprise.ts'
import type { zhCNOrglifeBundle } from './zh-CN.orglife.ts'
import { zhCNSurveys, zhCNSurveysNav } from './zh-CN.surveys.ts'
import { zhCNWaste, zhCNWasteNav } from './zh-CN.waste.ts'

/*
 * The source of truth for message keys is this object with `zhCNDesk` (zh-CN.desk.ts) merged in: en-US must
 * have exactly that shape (checked by its type). This part is bundled with the shell, so it holds what the
 * pages without login show (login, kiosk, survey, QR content, brand page) and what every page may need; the
 * desk's own modules are registered when the desk's chunk loads, the accounts feature's (zh-CN.accounts.ts)
 * when the desk's or the sign-up page's does.
 */
export const zhCNShell = {
  app: {
    title: '同心 · 楼宇党建与社区服务平台',
    shortTitle: '同心',
    subtitle: '楼宇党建与社区服务平台',
    skipToContent: '跳到正文',
  },
  common: {
    loading: '加载中…',
    totalRows: '共 {{formatted}} 条',
    sortBy: '排序',
    loadMore: '加载更多',
    noMore: '已全部加载',
    retry: '重试',
    search: '搜索',
    listSeparator: '、',
    none: '无',
    unknownError: '出现错误，请稍后重试',
    networkError: '无法连接服务器，请检查网络后重试',
    loadFailed: '加载失败',
    yes: '是',
    no: '否',
    saved: '已保存',
    back: '返回',
  },
  lang: {
    label: '界面语言',
    'zh-CN': '中文',
    'en-US': 'English',
  },
  auth: {
    title: '登录',
    username: '用户名',
    password: '密码',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    submit: '登录',
    logout: '退出登录',
  },
  nav: {
    menu: '菜单',
    home: '首页',
    accounts: '账号管理',
    audit: '审计日志',
    coverage: '覆盖统计',
    gaps: '问题清单',
    buildings: '楼宇名录',
    units: '入驻单位',
    partyOrgs: '党组织',
    completeness: '普查完整度',
    imports: '数据导入',
    alliances: '党建联盟',
    lists: '三张清单',
    myNeeds: '我的需求',
    orders: '接单台',
    needs: '需求总览',
    ...zhCNWasteNav,
    ...zhCNSurveysNav,
    ...zhCNEnterpriseNav,
  },
  roles: {
    admin: '系统管理员',
    district_admin: '区级管理员',
    street_admin: '街镇管理员',
    building_chief: '楼长',
    secretary: '党组织书记',
    provider: '服务提供方',
    member: '党员群众',
  },
  scopes: {
    city: '全市',
    area: '区域',
    building: '楼宇',
    unit: '单位',
    party_org: '党组织',
  },
  home: {
    greeting: '您好，{{name}}',
    intro: '欢迎使用同心平台。',
    grantsTitle: '我的角色与范围',
    noGrants: '您的账号还没有分配角色，请联系管理员。',
    modulesTitle: '业务模块',
    modulesEmpty: '业务模块开放后将显示在这里。',
  },
  audit: {
    title: '审计日志',
    actionPlaceholder: '按操作筛选（名称或代码）',
    at: '时间',
    user: '账号',
    action: '操作',
    entity: '对象',
    ip: 'IP 地址',
    requestId: '请求编号',
    detail: '详情',
    system: '系统',
  },
  scopePicker: {
    area: '区域',
    areaPlaceholder: '选择区、街镇',
    park: '园区',
    parkPlaceholder: '全部园区',
    building: '楼宇',
    buildingPlaceholder: '搜索楼宇（名称、拼音、首字母）',
    shanghai: '上海市',
  },
  unitKinds: {
    private: '民营企业',
    foreign: '外资企业',
    state: '国有企业',
    social_org: '社会组织',
    agency: '机关事业单位',
  },
  orgTypes: {
    committee: '党委',
    general_branch: '党总支',
    branch: '党支部',
    joint_branch: '联合党支部',
  },
  categories: {
    own: '单独建立',
    joint: '联合建立',
    should_have: '应建未建',
    only_members: '有党员未建',
    no_members: '无党员',
  },
  stationKinds: {
    service_station: '党建服务站',
    micro_home: '党建微家',
    center: '党群服务中心',
    life_station: '生活驿站',
  },
  completenessKeys: {
    building: '楼宇信息清',
    units: '入驻单位清',
    orgs: '党组织清',
    members: '党员情况清',
    stations: '阵地建设清',
  },
  waste: zhCNWaste,
  surveys: zhCNSurveys,
  enterprise: zhCNEnterprise,
  notFound: {
    title: '页面不存在',
    subTitle: '您访问的页面不存在或已被移走。',
    backHome: '返回首页',
  },
  forbidden: {
    title: '无权访问',
    subTitle: '您的角色没有访问此页面的权限。',
  },
}

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }
/** Every Chinese message, as i18next holds them once the desk has loaded. */
export type ZhCNMessages = typeof zhCNShell &
  typeof zhCNDesk &
  typeof zhCNAccountsBundle &
  typeof zhCNOrglifeBundle
export type MessageShape = Messages<ZhCNMessages>
