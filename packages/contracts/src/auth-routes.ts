/** The auth API: log in and out, who is signed in, and the password change (also the forced one). */
import { ChangePasswordBody, LoginBody, Me } from './auth.ts'
import { Ok } from './common.ts'
import type { RouteTable } from './route-table.ts'

export const authApi = {
  'POST /api/auth/login': { body: LoginBody, response: Me },
  'POST /api/auth/logout': { response: Ok },
  'GET /api/auth/me': { response: Me },
  'POST /api/auth/password': { body: ChangePasswordBody, response: Ok },
} as const satisfies RouteTable
