import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of the orglife module (status + zh-CN + en-US); merged into the app's table by lib/module-errors.ts. */
export const orglifeErrors = {
  orglife_kind_unknown: {
    status: 400,
    'zh-CN': '未知或已停用的会议类型：{code}',
    'en-US': 'Unknown or retired kind of meeting: {code}',
  },
  orglife_meeting_in_future: {
    status: 400,
    'zh-CN': '会议时间 {at} 晚于现在，只能记录已经召开的会议',
    'en-US': 'The meeting time {at} is in the future; record meetings once they have been held',
  },
  orglife_meeting_ends_before_start: {
    status: 400,
    'zh-CN': '会议结束时间必须晚于开始时间',
    'en-US': 'A meeting must end after it starts',
  },
  orglife_meeting_duplicate: {
    status: 409,
    'zh-CN': '本组织 {date} 的“{kind}”已有记录，请打开那条记录修改，不要重复记录',
    'en-US': 'A "{kind}" of this organisation on {date} is already recorded; open that record instead',
  },
  orglife_roster_not_member: {
    status: 400,
    'zh-CN': '参会名单中的人员（编号 {id}）不是本组织党员，也未在本组织登记为流入党员',
    'en-US':
      'Person {id} on the roster is not a member of this organisation nor a floating member registered here',
  },
  orglife_roster_repeated: {
    status: 400,
    'zh-CN': '参会名单中同一人（编号 {id}）出现了两次',
    'en-US': 'Person {id} appears twice on the roster',
  },
  orglife_reason_only_when_away: {
    status: 400,
    'zh-CN': '只有缺席或免于参加的人员才填写原因',
    'en-US': 'A reason is given only for members who were absent or excused',
  },
  orglife_group_required: {
    status: 400,
    'zh-CN': '党小组会请选择是哪个党小组',
    'en-US': 'Say which party group held the group meeting',
  },
  orglife_group_unknown: {
    status: 400,
    'zh-CN': '党小组（编号 {id}）不属于本组织',
    'en-US': 'Party group {id} does not belong to this organisation',
  },
  orglife_group_name_taken: {
    status: 409,
    'zh-CN': '本组织已有名为“{name}”的党小组',
    'en-US': 'This organisation already has a party group called "{name}"',
  },
  orglife_group_member_unknown: {
    status: 400,
    'zh-CN': '党小组成员（编号 {id}）不是本组织党员',
    'en-US': 'Group member {id} is not a member of this organisation',
  },
  orglife_presenter_unknown: {
    status: 400,
    'zh-CN': '主讲人/主持人（编号 {id}）不在人员库中',
    'en-US': 'Presenter {id} is not in the registry',
  },
  orglife_booking_mismatch: {
    status: 400,
    'zh-CN': '所选场地预约（编号 {id}）不存在、已取消，或与会议时间不符',
    'en-US': 'Room booking {id} does not exist, was cancelled, or is not at the meeting time',
  },
  orglife_rule_kind_unknown: {
    status: 400,
    'zh-CN': '规则引用了未知的会议类型：{code}',
    'en-US': 'The rule names an unknown kind of meeting: {code}',
  },
  orglife_rule_code_taken: {
    status: 409,
    'zh-CN': '规则代码“{code}”已被使用',
    'en-US': 'Rule code "{code}" is already used',
  },
  orglife_not_editable: {
    status: 409,
    'zh-CN': '该记录来自百场党课签到，只能修改参会情况和纪要，不能改时间、类型或删除后重建',
    'en-US': 'This record comes from a campaign lecture; only attendance and minutes can be changed',
  },
  orglife_transfer_same_org: {
    status: 400,
    'zh-CN': '转入组织与转出组织相同，无需转接',
    'en-US': 'The receiving organisation is the sending one; there is nothing to transfer',
  },
  orglife_transfer_open: {
    status: 409,
    'zh-CN': '该党员已有一笔正在办理的组织关系转接（{letterNo}），请先办结或撤回',
    'en-US': 'This member is already in a transfer ({letterNo}); complete or withdraw it first',
  },
  orglife_transfer_not_member: {
    status: 400,
    'zh-CN': '该人员不是转出组织的党员',
    'en-US': 'This person is not a member of the sending organisation',
  },
  orglife_transfer_already_in: {
    status: 400,
    'zh-CN': '该党员的组织关系已在本组织，无需转入',
    'en-US': "This member's relation is already here; there is nothing to transfer in",
  },
  orglife_transfer_target_required: {
    status: 400,
    'zh-CN': '请填写{what}',
    'en-US': 'Give {what}',
  },
  orglife_transfer_target_unknown: {
    status: 400,
    'zh-CN': '转入组织（编号 {id}）不存在',
    'en-US': 'Receiving organisation {id} does not exist',
  },
  orglife_transfer_date: {
    status: 400,
    'zh-CN': '转接日期 {date} 不能晚于今天超过 30 天，也不能早于一年前',
    'en-US': 'The transfer date {date} must be within a year before and 30 days after today',
  },
  orglife_transfer_not_pending: {
    status: 409,
    'zh-CN': '该转接已{status}，不能再办理（可能已由他人处理）',
    'en-US': 'This transfer is already {status}; nothing more can be done (someone may have just handled it)',
  },
  orglife_transfer_wrong_step: {
    status: 409,
    'zh-CN': '{direction}不能“{action}”',
    'en-US': 'A transfer {direction} cannot be "{action}"',
  },
  orglife_transfer_member_moved: {
    status: 409,
    'zh-CN': '该党员的组织关系已发生变化（不在转出组织），本次转接未办理，请撤回后重新发起',
    'en-US':
      'The member is no longer in the sending organisation; nothing was done. Withdraw and start again',
  },
  orglife_receipt_date: {
    status: 400,
    'zh-CN': '回执日期必须在开具介绍信之后、今天或之前',
    'en-US': 'The receipt date must be after the letter was issued and not in the future',
  },
  orglife_dues_not_member: {
    status: 400,
    'zh-CN': '该人员（编号 {id}）不是本组织党员',
    'en-US': 'Person {id} is not a member of this organisation',
  },
  orglife_dues_income_required: {
    status: 400,
    'zh-CN': '在职和离退休党员请填写月工资收入（税后）',
    'en-US': 'Give the monthly after-tax income for employed and retired members',
  },
  orglife_dues_income_not_used: {
    status: 400,
    'zh-CN': '学生、下岗失业和依靠抚恤或救济的党员每月交纳 0.2 元，不填工资收入',
    'en-US': 'Students, the unemployed and members on relief pay 0.2 yuan a month; give no income',
  },
  orglife_dues_income_negative: {
    status: 400,
    'zh-CN': '工资收入不能为负数',
    'en-US': 'The income cannot be negative',
  },
  orglife_dues_income_zero: {
    status: 400,
    'zh-CN': '工资收入为 0：如无收入，请选择“下岗失业”等类别',
    'en-US': 'The income is 0: for a member without income choose "unemployed" or another category',
  },
  orglife_dues_income_absurd: {
    status: 400,
    'zh-CN': '月收入超过 50 万元，请核对是否多输了位数',
    'en-US': 'A monthly income above 500,000 yuan: check for extra digits',
  },
  orglife_dues_income_precision: {
    status: 400,
    'zh-CN': '金额最多精确到分（两位小数）',
    'en-US': 'Amounts go to the fen (two decimals) at most',
  },
  orglife_dues_year: {
    status: 400,
    'zh-CN': '只能核定上一年、今年或下一年的党费基数',
    'en-US': 'Bases are confirmed for last year, this year or next year only',
  },
  orglife_dues_no_base: {
    status: 409,
    'zh-CN': '{name} 尚未核定 {year} 年党费基数，请先核定',
    'en-US': '{name} has no confirmed dues base for {year}; confirm it first',
  },
  orglife_dues_month_paid: {
    status: 409,
    'zh-CN': '{name} {month} 的党费已交，不能重复登记',
    'en-US': '{name} has already paid for {month}; it cannot be recorded twice',
  },
  orglife_dues_month_far: {
    status: 400,
    'zh-CN': '月份 {month} 太远：可登记今年和一年内预交的月份',
    'en-US': 'Month {month} is out of range: record this year and up to a year ahead',
  },
  orglife_dues_paid_on_future: {
    status: 400,
    'zh-CN': '交纳日期不能晚于今天',
    'en-US': 'The payment date cannot be in the future',
  },
  orglife_dues_import_errors: {
    status: 400,
    'zh-CN': '文件有 {count} 处问题，未导入任何记录，请修改后重新上传',
    'en-US': 'The file has {count} problems; nothing was imported. Fix them and upload again',
  },
  orglife_floating_already_member: {
    status: 400,
    'zh-CN': '该人员已是本组织党员，无需登记为流入党员',
    'en-US': 'This person is already a member here; there is nothing to register',
  },
  orglife_floating_home_required: {
    status: 400,
    'zh-CN': '请填写组织关系所在的党组织（平台外）',
    'en-US': 'Give the organisation that holds the relation (outside the platform)',
  },
  orglife_floating_destination_required: {
    status: 400,
    'zh-CN': '请填写外出流向（去往的地区、单位或党组织）',
    'en-US': 'Give where the member went (place, employer or organisation)',
  },
  orglife_floating_open: {
    status: 409,
    'zh-CN': '该人员已有一条有效的{direction}登记，请先结束那条登记',
    'en-US': 'This person already has an open {direction} registration; end it first',
  },
  orglife_floating_not_member: {
    status: 400,
    'zh-CN': '外出登记只适用于本组织党员',
    'en-US': 'Only members of this organisation are registered as away',
  },
  orglife_floating_dates: {
    status: 400,
    'zh-CN': '登记日期不合理：开始日期不能晚于今天，结束日期不能早于开始日期',
    'en-US': 'The dates do not fit: it cannot start after today, nor end before it starts',
  },
  orglife_no_person: {
    status: 404,
    'zh-CN': '您的账号尚未关联党员信息，请联系所在党组织书记关联',
    'en-US': 'Your account is not linked to a member record; ask your branch secretary to link it',
  },
} as const satisfies ErrorCatalog
