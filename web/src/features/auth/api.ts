/** Query keys of the auth feature: who is signed in (null when nobody is), read once and kept by the session. */
export const authKeys = {
  me: () => ['me'] as const,
}
