import { usccWithCheck } from '../src/lib/ids.ts'
import type { TypedApp } from '../src/lib/typed-app.ts'
import type { Session } from './helpers.ts'

let usccSeq = 0
/** A fresh valid USCC for each call. */
export const newUscc = () => usccWithCheck(`91310120MA${String(++usccSeq).padStart(7, '0')}`)

/** Thin wrappers over the API: fixtures are created the way users create them. */
export function registryApi(app: TypedApp, s: Session) {
  const send = async (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const res = await app.inject({ method, url, headers: s.headers, payload: payload as object })
    if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`)
    return res.json()
  }
  let idSeq = 0
  return {
    send,
    building: (areaCode: string, name: string, floors = 10, extra: Record<string, unknown> = {}) =>
      send('POST', '/api/buildings', { areaCode, name, address: `${name}路1号`, floors, ...extra }),
    unit: (buildingId: number | null | undefined, name: string, extra: Record<string, unknown> = {}) =>
      send('POST', '/api/units', {
        uscc: newUscc(),
        name,
        kind: 'private',
        buildingId: buildingId ?? null,
        floorFrom: buildingId ? 2 : null,
        ...extra,
      }),
    org: (name: string, type: string, areaCode: string, extra: Record<string, unknown> = {}) =>
      send('POST', '/api/party-orgs', { name, type, areaCode, ...extra }),
    /** A member: formal unless said otherwise; `birthDate` decides under-35. */
    member: (
      unitId: number | null | undefined,
      partyOrgId: number | undefined,
      extra: { status?: string; birthDate?: string; relationTransferred?: boolean } = {},
    ) =>
      send('POST', '/api/people', {
        name: `党员${++idSeq}`,
        unitId: unitId ?? null,
        birthDate: extra.birthDate ?? '1980-05-01',
        membership: {
          partyOrgId,
          status: extra.status ?? 'formal',
          relationTransferred: extra.relationTransferred ?? true,
        },
      }),
  }
}
