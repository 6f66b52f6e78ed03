import { appendFileSync } from 'node:fs'

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context)
  if (result.url.startsWith('file:') && result.url.includes('/server/src/')) {
    appendFileSync(process.env.TX_TEST_MODULE_LOG, `${result.url}\n`)
  }
  return result
}
