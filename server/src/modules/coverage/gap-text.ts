import type { GapRule } from '@tongxin/contracts'
import type { Locale } from '../../lib/messages.ts'
import { LIMITS } from './gaps.repository.ts'

type Facts = Record<string, string | number | boolean | null>
type Text = Record<Locale, string>

/** Each rule in words, and what to do about one departure from it. */
export const GAP_TEXT: Record<GapRule, { rule: Text; action: (f: Facts) => Text }> = {
  unit_should_have_branch: {
    rule: {
      'zh-CN': `正式党员 ${LIMITS.ownBranchMinFormal} 人以上的单位应单独建立党支部`,
      'en-US': `A unit with ${LIMITS.ownBranchMinFormal}+ formal members should have its own branch`,
    },
    action: (f) =>
      f.inJointBranch
        ? {
            'zh-CN': `有正式党员 ${f.formal} 人，建议从联合党支部中单独组建党支部`,
            'en-US': `Has ${f.formal} formal members: set up its own branch out of the joint branch`,
          }
        : {
            'zh-CN': `有正式党员 ${f.formal} 人，应建未建，建议单独组建党支部`,
            'en-US': `Has ${f.formal} formal members and no organisation: set up its own branch`,
          },
  },
  unit_needs_joint_branch: {
    rule: {
      'zh-CN': `正式党员不足 ${LIMITS.ownBranchMinFormal} 人的单位应纳入联合党支部`,
      'en-US': `A unit with fewer than ${LIMITS.ownBranchMinFormal} formal members belongs in a joint branch`,
    },
    action: () => ({
      'zh-CN': '只有零星党员、尚未纳入党组织，建议与同楼宇或同行业单位组建联合党支部（见组建建议）',
      'en-US':
        'Has members but no organisation: form a joint branch with units of the same building or trade (see proposals)',
    }),
  },
  joint_branch_too_many_units: {
    rule: {
      'zh-CN': `联合党支部覆盖单位一般不超过 ${LIMITS.jointMaxUnits} 个`,
      'en-US': `A joint branch normally covers no more than ${LIMITS.jointMaxUnits} units`,
    },
    action: (f) => ({
      'zh-CN': `覆盖 ${f.units} 个单位，建议按楼宇或行业拆分`,
      'en-US': `Covers ${f.units} units: split it by building or trade`,
    }),
  },
  branch_too_many_members: {
    rule: {
      'zh-CN': `党支部党员人数一般不超过 ${LIMITS.branchMaxMembers} 人`,
      'en-US': `A branch normally has no more than ${LIMITS.branchMaxMembers} members`,
    },
    action: (f) => ({
      'zh-CN': `现有党员 ${f.members} 人，建议拆分支部或升格为党总支`,
      'en-US': `Has ${f.members} members: split it, or make it a general branch`,
    }),
  },
  branch_needs_committee: {
    rule: {
      'zh-CN': `正式党员 ${LIMITS.committeeMinFormal} 人以上的党支部应设立支部委员会`,
      'en-US': `A branch with ${LIMITS.committeeMinFormal}+ formal members should elect a branch committee`,
    },
    action: (f) => ({
      'zh-CN': `有正式党员 ${f.formal} 人，尚未设立支委会，建议按期选举`,
      'en-US': `Has ${f.formal} formal members and no committee: hold the election`,
    }),
  },
  building_without_chief: {
    rule: {
      'zh-CN': '普查范围内的楼宇应明确楼长',
      'en-US': 'Every building in the census should have a building chief',
    },
    action: () => ({
      'zh-CN': '建议由物业公司、产权单位或骨干入驻单位担任楼长',
      'en-US': 'Appoint the property company, the owner or an anchor tenant as chief',
    }),
  },
  building_without_org: {
    rule: {
      'zh-CN': '普查范围内的楼宇应有党组织覆盖',
      'en-US': 'Every building in the census should be covered by a party organisation',
    },
    action: (f) => ({
      'zh-CN': `楼内 ${f.units} 家单位均无党组织覆盖，建议建立楼宇党组织或联合党组织`,
      'en-US': `None of its ${f.units} units is covered: set up a building or joint organisation`,
    }),
  },
  member_not_transferred: {
    rule: {
      'zh-CN': '党员组织关系应转入所在党组织',
      'en-US': "A member's party relation should be transferred in",
    },
    action: (f) => ({
      'zh-CN': `组织关系未转入${f.floating ? '（流动党员）' : ''}，建议联系原党组织办理转接`,
      'en-US': `Relation not transferred${f.floating ? ' (floating member)' : ''}: arrange the transfer with the former organisation`,
    }),
  },
  meeting_overdue: {
    rule: {
      'zh-CN': '党组织应按规定频次召开“三会一课”、主题党日、组织生活会和民主评议党员',
      'en-US': 'A party organisation holds its meetings as often as the rules of organisational life say',
    },
    action: (f) => ({
      'zh-CN': `上一周期未达标：${f.rules}。建议督促书记补开并及时记录`,
      'en-US': `Missed in the last period: ${f.rulesEn}. Ask the secretary to hold and record them`,
    }),
  },
}
