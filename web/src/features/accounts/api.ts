import type { ScopeType } from '@tongxin/contracts'

/**
 * Query keys of the accounts feature. The account and invitation lists' keys are their cursor lists'
 * ('accounts', 'invitations'), so invalidating `all()` refreshes the list and any open detail.
 */
export const accountKeys = {
  all: () => ['accounts'] as const,
  detail: (id: number | null) => ['accounts', 'detail', id] as const,
}

export const invitationKeys = {
  all: () => ['invitations'] as const,
  /** What an invitation link offers, read by its token. */
  signup: (token: string) => ['signup', token] as const,
  /** Duty points the caller coordinates and events still to come: what an invitation may be for. */
  myPoints: () => ['volunteer-points', 'mine'] as const,
  invitableEvents: () => ['events', 'invitable'] as const,
}

/** A place picked for a grant, searched by name. */
export const scopeSearchKey = (scopeType: ScopeType, q: string) => ['scope-search', scopeType, q] as const
