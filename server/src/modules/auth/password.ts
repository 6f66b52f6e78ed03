import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id minimum (19 MiB, 2 passes): ~30 ms here, slow enough for guessing, fast for a login.
const OPTIONS = {
  algorithm: 2 /* Argon2id; the enum is const and cannot be imported under verbatimModuleSyntax */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
}

export const hashPassword = (password: string) => hash(password, OPTIONS)

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | null = null
/** Spends the same time as a real check, so response times do not reveal which usernames exist. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('tongxin-timing-equaliser')
  await verifyPassword(await dummyHash, password)
}
