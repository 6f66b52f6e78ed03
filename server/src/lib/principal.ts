import type { Role } from '@tongxin/contracts'

/** Who is calling: set on the request by plugins/auth.ts from the session. */
export interface PrincipalGrant {
  role: Role
  scope_type: string
  scope_id: string | null
  area_code: string | null
}

export interface Principal {
  accountId: number
  username: string
  displayName: string
  sessionId: string
  csrfToken: string
  /** A password someone else set: only routes marked `beforePasswordChange` answer until it is changed. */
  mustChangePassword: boolean
  grants: PrincipalGrant[]
}
