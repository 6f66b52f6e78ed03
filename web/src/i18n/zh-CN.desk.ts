import { zhCNCensus, zhCNCensusNav } from './zh-CN.census.ts'
import { zhCNEvents, zhCNEventsNav } from './zh-CN.events.ts'
import { zhCNExchange, zhCNExchangeNav } from './zh-CN.exchange.ts'
import { zhCNNotify, zhCNNotifyNav } from './zh-CN.notifications.ts'
import { zhCNOps, zhCNOpsNav } from './zh-CN.operations.ts'
import { zhCNRegistry } from './zh-CN.registry.ts'
import { zhCNVolunteers, zhCNVolunteersNav } from './zh-CN.volunteers.ts'
import { zhCNWorkbench } from './zh-CN.workbench.ts'

/**
 * Messages only the signed-in desk shows (its menu entries and modules): about two thirds of the Chinese
 * texts. desk.ts registers them when the desk's chunk loads; public pages never download them.
 */
export const zhCNDesk = {
  nav: {
    ...zhCNExchangeNav,
    ...zhCNEventsNav,
    ...zhCNVolunteersNav,
    ...zhCNNotifyNav,
    ...zhCNOpsNav,
    ...zhCNCensusNav,
  },
  // The menu's groups (app/modules.tsx MENU_GROUPS).
  navGroups: {
    figures: '党建统计',
    registry: '基础名录',
    exchange: '联盟与需求',
    activities: '组织生活与活动',
    volunteering: '志愿与垃圾分类',
    enterprise: '企业服务',
    system: '系统',
    collapse: '收起菜单',
    expand: '展开菜单',
  },
  ...zhCNRegistry,
  exchange: zhCNExchange,
  events: zhCNEvents,
  volunteers: zhCNVolunteers,
  notify: zhCNNotify,
  workbench: zhCNWorkbench,
  ops: zhCNOps,
  census: zhCNCensus,
}
