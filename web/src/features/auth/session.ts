import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { LoginBody, Me } from '@tongxin/contracts'
import { call, isUnauthorized, rememberCsrfToken } from '../../lib/api.ts'
import { authKeys } from './api.ts'

export const ME_KEY = authKeys.me()

// 401 is an answer here ("nobody is signed in"), not an error: the guard turns it into a redirect.
async function fetchMe(): Promise<Me | null> {
  try {
    const me = await call('GET /api/auth/me')
    rememberCsrfToken(me.csrfToken)
    return me
  } catch (error) {
    if (isUnauthorized(error)) {
      rememberCsrfToken(null)
      return null
    }
    throw error
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 })
}

/** For pages behind the auth guard, where the session is known to exist. */
export function useSession(): Me {
  const { data } = useMe()
  if (!data) throw new Error('useSession() used outside the authenticated layout')
  return data
}

export function hasPermission(me: Me, permission: string | undefined): boolean {
  return permission === undefined || me.permissions.includes(permission)
}

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation<Me, Error, LoginBody>({
    mutationFn: (body) => call('POST /api/auth/login', { body }),
    // A wrong password is a 401 too; it must show on the form, not bounce back to the login page.
    meta: { skipAuthRedirect: true },
    onSuccess: (me, body) => {
      rememberCsrfToken(me.csrfToken)
      rememberTemporaryPassword(me.mustChangePassword ? body.password : null)
      // Nothing cached for a previous user may leak into this session.
      queryClient.clear()
      queryClient.setQueryData(ME_KEY, me)
    },
  })
}

export function useLogout() {
  const queryClient = useQueryClient()
  return useMutation<unknown, Error, void>({
    mutationFn: () => call('POST /api/auth/logout'),
    meta: { skipAuthRedirect: true },
    // Signed out locally even if the server call fails: the user asked to leave.
    onSettled: () => {
      rememberCsrfToken(null)
      queryClient.clear()
      queryClient.setQueryData(ME_KEY, null)
    },
  })
}

// The password typed at a login that must replace it, held in memory only until the forced-change page
// takes it (so the person need not type the temporary password twice).
let temporaryPassword: string | null = null
export function rememberTemporaryPassword(password: string | null) {
  temporaryPassword = password
}
export function takeTemporaryPassword(): string | null {
  const value = temporaryPassword
  temporaryPassword = null
  return value
}
