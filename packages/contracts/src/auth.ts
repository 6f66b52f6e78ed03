import Type, { type Static } from 'typebox'

export const ROLES = [
  'admin',
  'district_admin',
  'street_admin',
  'building_chief',
  'secretary',
  'provider',
  'member',
] as const
export type Role = (typeof ROLES)[number]
/** An area's staff: the city's, a district's and a street's administrators (what staff-only permissions list). */
export const AREA_STAFF = ['admin', 'district_admin', 'street_admin'] as const satisfies readonly Role[]
export const RoleSchema = Type.Enum([...ROLES])

/** What a grant is scoped to. `city` has no id; the others name an area code or a row id. */
export const SCOPE_TYPES = ['city', 'area', 'building', 'unit', 'party_org'] as const
export type ScopeType = (typeof SCOPE_TYPES)[number]
export const ScopeTypeSchema = Type.Enum([...SCOPE_TYPES])

export const Grant = Type.Object({
  role: RoleSchema,
  scopeType: ScopeTypeSchema,
  scopeId: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
  scopeName: Type.Optional(Type.String()),
})
export type Grant = Static<typeof Grant>

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
)
export type LoginBody = Static<typeof LoginBody>

export const Me = Type.Object({
  account: Type.Object({
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
  }),
  grants: Type.Array(Grant),
  permissions: Type.Array(Type.String()),
  /**
   * The password was set by someone else (generated, reset): until it is changed every route but
   * `POST /api/auth/password`, `POST /api/auth/logout` and `GET /api/auth/me` answers 403 `password_change_required`.
   */
  mustChangePassword: Type.Boolean(),
  /** Send back in the `x-csrf-token` header on POST/PUT/PATCH/DELETE (also in the readable `tx_csrf` cookie). */
  csrfToken: Type.String(),
})
export type Me = Static<typeof Me>

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    // Length and strength are the server's password rules (`weak_password` says why), not the schema's.
    newPassword: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
)
export type ChangePasswordBody = Static<typeof ChangePasswordBody>

/** The password rules the server applies to every new password; the web app shows the same as one types. */
export const PASSWORD_RULES = {
  minLength: 10,
  /** zxcvbn score 0–4 (`@zxcvbn-ts/core` with the common and English dictionaries); 3 = "safely unguessable". */
  minScore: 3,
  /** Passwords longer than this are not scored (zxcvbn's time grows with length); they are long enough. */
  scoreMaxLength: 100,
} as const

/**
 * Why a password is weak, per zxcvbn's warning and suggestion keys, in both languages. The server renders the
 * `weak_password` error from these; the web app its strength hints.
 */
export const PASSWORD_FEEDBACK: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  tooShort: { 'zh-CN': '密码至少需要 {min} 个字符', 'en-US': 'A password needs at least {min} characters' },
  sameAsCurrent: {
    'zh-CN': '新密码不能与当前密码相同',
    'en-US': 'The new password must differ from the current one',
  },
  straightRow: {
    'zh-CN': '键盘上一整排的按键很容易被猜到',
    'en-US': 'Straight rows of keys are easy to guess',
  },
  keyPattern: { 'zh-CN': '简短的键盘图案很容易被猜到', 'en-US': 'Short keyboard patterns are easy to guess' },
  simpleRepeat: {
    'zh-CN': '“aaa”这样的重复字符很容易被猜到',
    'en-US': 'Repeated characters like "aaa" are easy to guess',
  },
  extendedRepeat: {
    'zh-CN': '“abcabcabc”这样的重复片段很容易被猜到',
    'en-US': 'Repeated patterns like "abcabcabc" are easy to guess',
  },
  sequences: {
    'zh-CN': '“abc”“123”这样的连续字符很容易被猜到',
    'en-US': 'Sequences like "abc" or "123" are easy to guess',
  },
  recentYears: { 'zh-CN': '最近的年份很容易被猜到', 'en-US': 'Recent years are easy to guess' },
  dates: { 'zh-CN': '日期很容易被猜到', 'en-US': 'Dates are easy to guess' },
  topTen: { 'zh-CN': '这是最常用的密码之一', 'en-US': 'This is one of the most used passwords' },
  topHundred: { 'zh-CN': '这是非常常用的密码', 'en-US': 'This is a very frequently used password' },
  common: { 'zh-CN': '这是常用密码', 'en-US': 'This is a commonly used password' },
  similarToCommon: {
    'zh-CN': '与常用密码太相似',
    'en-US': 'This is too similar to a commonly used password',
  },
  wordByItself: { 'zh-CN': '单个单词很容易被猜到', 'en-US': 'A single word is easy to guess' },
  namesByThemselves: { 'zh-CN': '单独的姓名很容易被猜到', 'en-US': 'A name on its own is easy to guess' },
  commonNames: { 'zh-CN': '常见的姓名很容易被猜到', 'en-US': 'Common names are easy to guess' },
  userInputs: {
    'zh-CN': '不要包含用户名、姓名等个人信息',
    'en-US': 'Do not use your username, name or other personal details',
  },
  pwned: { 'zh-CN': '该密码曾在网上泄露', 'en-US': 'This password has appeared in a data breach' },
  // Suggestions
  l33t: {
    'zh-CN': '用“@”代替“a”这类替换很容易被猜到',
    'en-US': "Avoid predictable substitutions like '@' for 'a'",
  },
  reverseWords: { 'zh-CN': '不要把常用词倒过来写', 'en-US': 'Avoid reversed spellings of common words' },
  allUppercase: { 'zh-CN': '部分字母大写，而不是全部', 'en-US': 'Capitalise some, but not all letters' },
  capitalization: { 'zh-CN': '不只首字母大写', 'en-US': 'Capitalise more than the first letter' },
  associatedYears: { 'zh-CN': '避免与自己相关的年份', 'en-US': 'Avoid years associated with you' },
  repeated: { 'zh-CN': '避免重复的词和字符', 'en-US': 'Avoid repeated words and characters' },
  longerKeyboardPattern: {
    'zh-CN': '键盘图案要更长，并多次改变方向',
    'en-US': 'Use longer keyboard patterns and change direction several times',
  },
  anotherWord: { 'zh-CN': '再加几个不常见的词', 'en-US': 'Add more words that are less common' },
  useWords: {
    'zh-CN': '用几个词组成，但不要用常见短语',
    'en-US': 'Use several words, but avoid common phrases',
  },
  noNeed: {
    'zh-CN': '不必使用符号、数字或大写字母，几个不常见的词连在一起就很安全',
    'en-US': 'No symbols, digits or capitals needed: a few uncommon words together are strong',
  },
  weak: { 'zh-CN': '密码太容易被猜到', 'en-US': 'This password is too easy to guess' },
}
