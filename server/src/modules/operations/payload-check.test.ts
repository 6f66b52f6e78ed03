import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { tarGzipProblem } from './payload-check.ts'
import { tempDir } from './test-kit.ts'

/** Archives made by GNU tar, not by the code under test. */
let ustar: Buffer
let gnu: Buffer
beforeAll(async () => {
  const dir = await tempDir()
  await mkdir(path.join(dir, 'base', '1'), { recursive: true })
  await writeFile(path.join(dir, 'base', '1', '1259'), Buffer.alloc(8192 + 513, 7))
  await writeFile(path.join(dir, 'PG_VERSION'), '17\n')
  await writeFile(path.join(dir, 'empty'), '')
  const tar = (format: string) =>
    execFileSync('tar', [`--format=${format}`, '-cf', '-', '-C', dir, 'PG_VERSION', 'base', 'empty'])
  ustar = tar('ustar')
  gnu = tar('gnu')
})

const check = (bytes: Buffer) => tarGzipProblem(Readable.from([bytes]))

describe('a payload is walked before PGlite is given it', () => {
  it('accepts a whole archive, ustar or GNU, in any chunking', async () => {
    expect(await check(gzipSync(ustar))).toBeNull()
    expect(await check(gzipSync(gnu))).toBeNull()
    const zipped = gzipSync(ustar)
    const pieces = [] as Buffer[]
    for (let i = 0; i < zipped.length; i += 97) pieces.push(zipped.subarray(i, i + 97))
    expect(await tarGzipProblem(Readable.from(pieces))).toBeNull()
  })

  it('refuses what does not inflate, an empty archive, and one cut short', async () => {
    expect(await check(Buffer.from('not compressed at all '.repeat(50)))).toMatch(/^it does not inflate/)
    expect(await check(gzipSync(ustar).subarray(0, 200))).toMatch(/^it does not inflate/)
    expect(await check(gzipSync(Buffer.alloc(0)))).toBe('an archive without entries')
    expect(await check(gzipSync(Buffer.alloc(10240)))).toBe('an archive without entries')
    // Inside the data of base/1/1259, which is longer than one block.
    const at = ustar.indexOf(Buffer.alloc(600, 7))
    expect(at).toBeGreaterThan(0)
    expect(await check(gzipSync(ustar.subarray(0, at + 600)))).toBe('an archive cut short')
    expect(await check(gzipSync(ustar.subarray(0, 300)))).toBe('an archive cut short')
  })

  it('refuses what is not a tar archive, a changed header and entries past the end', async () => {
    expect(await check(gzipSync(Buffer.from('compressed, but no archive in it '.repeat(50))))).toBe(
      'an entry without a tar header',
    )
    const changed = Buffer.from(ustar)
    changed[0] = changed[0]! ^ 0x01
    expect(await check(gzipSync(changed))).toBe('a tar header whose checksum does not match')
    // A second entry whose header is garbage, after a whole first one.
    const first = 512 + 512
    const garbage = Buffer.concat([
      ustar.subarray(0, first),
      Buffer.alloc(512, 0x41),
      ustar.subarray(first + 512),
    ])
    expect(await check(gzipSync(garbage))).toBe('an entry without a tar header')
    const afterEnd = Buffer.concat([ustar.subarray(0, first), Buffer.alloc(512), ustar.subarray(first)])
    expect(await check(gzipSync(afterEnd))).toBe('entries after the end of the archive')
  })
})
