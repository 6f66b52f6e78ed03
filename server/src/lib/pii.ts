import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { hmac } from './crypto.ts'

const keyOf = (secret: string) => createHash('sha256').update(`tongxin-pii:${secret}`).digest()

/** AES-256-GCM with a random nonce; output is nonce.tag.ciphertext in base64url. */
export function encryptPii(secret: string, plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')
}

export function decryptPii(secret: string, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'))
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), iv!)
  decipher.setAuthTag(tag!)
  return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8')
}

/** Equal inputs give equal hashes, so duplicates are found without decrypting anything. */
export const piiLookupHash = (secret: string, plain: string) => hmac(`tongxin-pii-lookup:${secret}`, plain)
