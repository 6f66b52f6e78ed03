import type { GrantInput, Role } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../lib/errors.ts'
import { readRows } from '../imports/check.ts'
import type { KindSpec } from '../imports/columns.ts'
import type { SheetRow } from '../imports/parse.ts'
import { type Reason, reason } from '../imports/reasons.ts'
import { checkGrant } from './rules.ts'

const ROLE_LABELS: Record<string, Role> = {
  区管理员: 'district_admin',
  街道管理员: 'street_admin',
  楼长: 'building_chief',
  党组织书记: 'secretary',
  服务方: 'provider',
  党员群众: 'member',
  党员: 'member',
  群众: 'member',
}
const ROLE_WORDS: Record<Role, { 'zh-CN': string; 'en-US': string }> = {
  admin: { 'zh-CN': '市级管理员', 'en-US': 'city admin' },
  district_admin: { 'zh-CN': '区管理员', 'en-US': 'district admin' },
  street_admin: { 'zh-CN': '街道管理员', 'en-US': 'street admin' },
  building_chief: { 'zh-CN': '楼长', 'en-US': 'building chief' },
  secretary: { 'zh-CN': '党组织书记', 'en-US': 'secretary' },
  provider: { 'zh-CN': '服务方', 'en-US': 'provider' },
  member: { 'zh-CN': '党员群众', 'en-US': 'member' },
}

const col = (
  key: string,
  header: string,
  english: string,
  type: 'text' | 'code' | 'choice',
  rule: string,
  width: number,
  required = false,
) => ({
  key,
  header,
  english,
  type,
  rule,
  width,
  required,
})

/** The 账号 sheet: who, which role, and the place the role is on (named as people know it, not by ids). */
export const ACCOUNT_SPEC: KindSpec = {
  kind: 'accounts',
  sheet: '账号',
  naturalKey: '用户名',
  columns: [
    col(
      'username',
      '用户名',
      'Username',
      'text',
      '3–32 lowercase letters, digits, _ . - ; must be new',
      16,
      true,
    ),
    col('displayName', '姓名', 'Name', 'text', 'Up to 64 characters', 14, true),
    col('phone', '手机号', 'Mobile phone', 'code', 'Optional, 11 digits (138…)', 14),
    {
      ...col(
        'role',
        '角色',
        'Role',
        'choice',
        '区管理员 / 街道管理员 / 楼长 / 党组织书记 / 服务方 / 党员群众',
        12,
        true,
      ),
      choices: {
        labels: ROLE_LABELS,
        codes: ['district_admin', 'street_admin', 'building_chief', 'secretary', 'provider', 'member'],
        shown: ['区管理员', '街道管理员', '楼长', '党组织书记', '服务方', '党员群众'],
      },
    },
    col(
      'areaCode',
      '所属区域代码',
      'Area code',
      'code',
      'Required. 9-digit street code (310120002); a district admin: the 6-digit district code',
      14,
      true,
    ),
    col(
      'building',
      '楼宇名称',
      'Building',
      'text',
      '楼长: required; 党员群众: optional (the building in that street)',
      24,
    ),
    col('uscc', '统一社会信用代码', 'USCC', 'code', '服务方: required (the provider unit)', 22),
    col('partyOrg', '党组织名称', 'Party organisation', 'text', '党组织书记: required (in that street)', 28),
  ],
}

export const ACCOUNT_TEMPLATE_LINES = [
  '1. 在工作表“账号”中从第 2 行起每行填写一个账号；第 1 行为表头，请勿修改。',
  '2. 用户名须是新的（已存在的用户名会报错，不会修改已有账号）。每个账号的初始密码由系统生成，提交后只显示一次，首次登录须修改。',
  '3. 角色所在的位置：区/街道管理员填区域代码；楼长填楼宇名称；服务方填统一社会信用代码；党组织书记填党组织名称；党员群众填区域代码（可加楼宇名称）。',
  '4. 您只能授予低于本人的角色，且只能在本人管理的区域内。先检查（逐行报错），确认后提交：要么全部创建，要么一个都不创建。',
  'One account per row. Usernames must be new. Passwords are generated, shown once after the commit, and must be',
  'changed at first login. Check first (per-row errors), then commit: all accounts or none.',
]

export interface RowError {
  row: number
  column: string
  reason: Reason
}

export interface PlannedAccount {
  row: number
  username: string
  displayName: string
  phone: string | null
  grant: GrantInput
  areaCode: string | null
  scopeName: string
}

const fail = (errors: RowError[], row: number, column: string, r: Reason) =>
  errors.push({ row, column, reason: r })
const header = (key: string) => ACCOUNT_SPEC.columns.find((c) => c.key === key)!.header

/** The place a row's role sits on, by the names people know (a building in the street, a unit's USCC…). */
async function placeOf(
  ctx: AppContext,
  role: Role,
  area: string,
  v: { building: string | null; uscc: string | null; partyOrg: string | null },
): Promise<{ grant: GrantInput } | { column: string; reason: Reason }> {
  const areaRow = await ctx.db.selectFrom('area').select('name').where('code', '=', area).executeTakeFirst()
  if (!areaRow) return { column: header('areaCode'), reason: reason('unknown_area', { code: area }) }
  const need = (key: string) => ({
    column: header(key),
    reason: reason('account_import_place_required', { role: ROLE_WORDS[role], column: header(key) }),
  })
  const lookup = async (
    what: { 'zh-CN': string; 'en-US': string },
    key: string,
    name: string,
    ids: number[],
  ) => {
    if (ids.length === 1) return null
    const code = ids.length === 0 ? 'account_import_unknown_place' : 'account_import_ambiguous'
    return { column: header(key), reason: reason(code, { what, name, area: areaRow.name }) }
  }
  if (role === 'district_admin' || role === 'street_admin') {
    return { grant: { role, scopeType: 'area', scopeId: area } }
  }
  if (role === 'building_chief' || (role === 'member' && v.building)) {
    if (!v.building) return need('building')
    const rows = await ctx.db
      .selectFrom('building')
      .select('id')
      .where('name', '=', v.building)
      .where('area_code', '=', area)
      .where('deleted_at', 'is', null)
      .execute()
    const bad = await lookup(
      { 'zh-CN': '楼宇', 'en-US': 'building' },
      'building',
      v.building,
      rows.map((r) => r.id),
    )
    return bad ?? { grant: { role, scopeType: 'building', scopeId: String(rows[0]!.id) } }
  }
  if (role === 'provider') {
    if (!v.uscc) return need('uscc')
    const rows = await ctx.db
      .selectFrom('unit')
      .select('id')
      .where('uscc', '=', v.uscc)
      .where('deleted_at', 'is', null)
      .execute()
    const bad = await lookup(
      { 'zh-CN': '单位', 'en-US': 'unit' },
      'uscc',
      v.uscc,
      rows.map((r) => r.id),
    )
    return bad ?? { grant: { role, scopeType: 'unit', scopeId: String(rows[0]!.id) } }
  }
  if (role === 'secretary') {
    if (!v.partyOrg) return need('partyOrg')
    const rows = await ctx.db
      .selectFrom('party_org')
      .select('id')
      .where('name', '=', v.partyOrg)
      .where('area_code', '=', area)
      .where('deleted_at', 'is', null)
      .execute()
    const bad = await lookup(
      { 'zh-CN': '党组织', 'en-US': 'party organisation' },
      'partyOrg',
      v.partyOrg,
      rows.map((r) => r.id),
    )
    return bad ?? { grant: { role, scopeType: 'party_org', scopeId: String(rows[0]!.id) } }
  }
  return { grant: { role, scopeType: 'area', scopeId: area } }
}

/** The caller's right to hand out a row's grant, as a row error worded for a spreadsheet. */
async function grantProblem(ctx: AppContext, request: FastifyRequest, grant: GrantInput) {
  try {
    return { areaCode: await checkGrant(ctx, request, grant), problem: null }
  } catch (err) {
    if (!(err instanceof AppError)) throw err
    const r =
      err.code === 'forbidden_scope'
        ? reason('out_of_scope')
        : err.code === 'forbidden'
          ? reason('account_import_rank', { role: ROLE_WORDS[grant.role as Role] })
          : reason(err.code, err.params)
    return { areaCode: null, problem: r }
  }
}

/**
 * Checks every row (reading, usernames new and unique in the file, phone, role, place, and the caller's right
 * to grant it) and plans the accounts. Reads through ctx.db: call it outside any transaction.
 */
export async function checkAccountRows(ctx: AppContext, request: FastifyRequest, sheet: SheetRow[]) {
  const errors: RowError[] = []
  const planned: PlannedAccount[] = []
  const checks = await readRows(ACCOUNT_SPEC, sheet)
  const names = checks.map((c) => c.text('username')?.toLowerCase()).filter((n): n is string => !!n)
  const taken = new Set(
    names.length === 0
      ? []
      : (await ctx.db.selectFrom('account').select('username').where('username', 'in', names).execute()).map(
          (r) => r.username,
        ),
  )
  const firstRow = new Map<string, number>()
  for (const check of checks) {
    errors.push(...check.errors)
    const row = check.row
    const username = check.text('username')?.toLowerCase() ?? null
    if (username !== null) {
      if (!/^[a-z0-9][a-z0-9_.-]{2,31}$/.test(username)) {
        fail(errors, row, header('username'), reason('account_import_username', { value: username }))
      } else if (firstRow.has(username)) {
        fail(
          errors,
          row,
          header('username'),
          reason('duplicate_key', { row: firstRow.get(username)!, key: username }),
        )
      } else if (taken.has(username)) {
        fail(errors, row, header('username'), reason('username_taken', { username }))
      }
      if (!firstRow.has(username)) firstRow.set(username, row)
    }
    const displayName = check.text('displayName')
    if (displayName !== null && [...displayName].length > 64)
      fail(errors, row, header('displayName'), reason('too_long', { limit: 64 }))
    const phone = check.text('phone')
    if (phone !== null && !/^1[3-9][0-9]{9}$/.test(phone))
      fail(errors, row, header('phone'), reason('invalid_phone', { value: phone }))
    const role = check.values.role as Role | undefined
    const area = check.text('areaCode')
    if (!role || !area || !check.ok) continue
    const place = await placeOf(ctx, role, area, {
      building: check.text('building'),
      uscc: check.text('uscc'),
      partyOrg: check.text('partyOrg'),
    })
    if (!('grant' in place)) {
      fail(errors, row, place.column, place.reason)
      continue
    }
    const { areaCode, problem } = await grantProblem(ctx, request, place.grant)
    if (problem) {
      fail(errors, row, header('role'), problem)
      continue
    }
    planned.push({
      row,
      username: username!,
      displayName: displayName!,
      phone,
      grant: place.grant,
      areaCode,
      scopeName: '',
    })
  }
  return { errors: errors.sort((a, b) => a.row - b.row), planned }
}
