import { randomBytes } from 'node:crypto'
import { client, login, type Method, request, type Session, type TestApp } from '../../../test/helpers.ts'

export const HONGMEI = '310104012'
export const HOUR = 3_600_000

/** Thin wrappers over the volunteers API: fixtures are made the way users make them. */
export function kit(t: TestApp) {
  const call = (s: Session | null, method: Method, url: string, payload?: unknown) =>
    request(t.app, s, method, url, payload)
  const ok = (s: Session, method: Method, url: string, payload?: unknown) =>
    client(t.app, s).ok(method, url, payload)
  return {
    call,
    ok,
    /** A member account in 虹梅路街道, signed in, registered as a volunteer. */
    async volunteer(admin: Session, username: string, unitId: number | null = null) {
      await ok(admin, 'POST', '/api/accounts', {
        username,
        displayName: username,
        password: 'volunteer-password',
        grants: [{ role: 'member', scopeType: 'area', scopeId: HONGMEI }],
      })
      const s = await login(t.app, username, 'volunteer-password')
      const profile = await ok(s, 'POST', '/api/volunteers/me', { displayName: `志愿者${username}`, unitId })
      return { s, profile: profile as { id: number; version: number } }
    },
    async roleId(code: string) {
      const admin = await login(t.app, 'admin')
      const roles = (await ok(admin, 'GET', '/api/volunteers/roles')) as Array<{ id: number; code: string }>
      return roles.find((r) => r.code === code)!.id
    },
    async shift(
      coordinator: Session,
      pointId: number,
      startsInMs: number,
      hours: number,
      needs: Array<{ roleId: number; needed: number }>,
    ) {
      const start = t.clock.now().getTime() + startsInMs
      return (await ok(coordinator, 'POST', '/api/volunteers/shifts', {
        pointId,
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + hours * HOUR).toISOString(),
        needs,
      })) as { id: number; needs: Array<{ roleId: number; needed: number; taken: number }> }
    },
    nonce: () => randomBytes(9).toString('base64url'),
  }
}
