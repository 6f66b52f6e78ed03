import { expect } from 'vitest'
import { login, type Session, type TestApp } from '../../../test/helpers.ts'
import { insertAccount } from '../accounts/bootstrap.ts'

// Shared by the notifications module's test files only.

export const TEST_PASSWORD = 'notify-test-pw'

/** An account with the given grants, signed in. */
export async function accountWith(
  t: TestApp,
  username: string,
  grants: Array<{ role: string; scopeType: string; scopeId: string | null; areaCode: string | null }>,
): Promise<{ id: number; session: Session }> {
  const id = await insertAccount(t.ctx.db, {
    username,
    displayName: username,
    password: TEST_PASSWORD,
    grants,
  })
  return { id, session: await login(t.app, username, TEST_PASSWORD) }
}

export const accountIdOf = async (t: TestApp, username: string) =>
  (
    await t.ctx.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id

/** Every notice of a kind about an entity, as (account, link) pairs, straight from the table. */
export async function noticesOf(t: TestApp, kind: string, entityId: number) {
  const rows = await t.ctx.db
    .selectFrom('notification')
    .select(['account_id', 'link', 'title', 'body'])
    .where('kind', '=', kind)
    .where('entity_id', '=', entityId)
    .orderBy('account_id')
    .execute()
  return rows
}

export const recipientsOf = async (t: TestApp, kind: string, entityId: number) =>
  [...new Set((await noticesOf(t, kind, entityId)).map((r) => r.account_id))].sort((a, b) => a - b)

export const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b)

/** What the inbox API shows the session (kinds and entity ids are read back from titles' rows). */
export async function inboxKinds(t: TestApp, s: Session): Promise<string[]> {
  const res = await t.app.inject({ url: '/api/notifications?limit=200', headers: s.headers })
  expect(res.statusCode).toBe(200)
  return res.json().items.map((n: { kind: string }) => n.kind)
}
