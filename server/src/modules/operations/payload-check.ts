import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'

const BLOCK = 512

/** A ustar header as PGlite's loader (tinytar) accepts it: magic, and the checksum over the block. */
function headerProblem(block: Buffer): string | null {
  const magic = block.toString('latin1', 257, 265)
  const ustar = /^ustar\0[0 \0]{2}$/.test(magic) || magic === 'ustar  \0'
  if (!ustar) return 'an entry without a tar header'
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!
  const stated = Number.parseInt(block.toString('latin1', 148, 156).replace(/[\0 ]/g, ''), 8)
  return sum === stated ? null : 'a tar header whose checksum does not match'
}

/** Bytes of data after a header: only regular files carry any, as tinytar reads the type digit. */
function dataBytes(block: Buffer): number {
  const type = (Number.parseInt(String.fromCharCode(block[156]!), 10) || 0) % 8
  if (type !== 0) return 0
  const size = Number.parseInt(block.toString('latin1', 124, 136).replace(/[\0 ]/g, ''), 8) || 0
  return Math.ceil(size / BLOCK) * BLOCK
}

/**
 * Reads a gzipped tar to its end without keeping it, and says what is wrong with it, or null. PGlite's
 * loader, given a payload that does not inflate or is not an archive, rejects but also leaves rejections no
 * one handles (it retries inflating through a stream whose writes it does not await), which end a Node
 * process: so a payload goes to it only after this walk found every header and every byte of data.
 */
export async function tarGzipProblem(payload: Readable): Promise<string | null> {
  let header = Buffer.alloc(0)
  let skip = 0
  let entries = 0
  let zeroBlocks = 0
  let problem: string | null = null
  try {
    await pipeline(payload, createGunzip(), async (inflated: AsyncIterable<Buffer>) => {
      for await (let chunk of inflated) {
        while (chunk.length > 0 && problem === null) {
          if (skip > 0) {
            const n = Math.min(skip, chunk.length)
            skip -= n
            chunk = chunk.subarray(n)
            continue
          }
          const n = Math.min(BLOCK - header.length, chunk.length)
          header = Buffer.concat([header, chunk.subarray(0, n)])
          chunk = chunk.subarray(n)
          if (header.length < BLOCK) continue
          const block = header
          header = Buffer.alloc(0)
          if (block.every((b) => b === 0)) {
            // The archive ends with two zero blocks; one is an end only as the last block.
            if (entries === 0) problem = 'an archive without entries'
            else if (++zeroBlocks === 2) skip = Number.POSITIVE_INFINITY
            continue
          }
          if (zeroBlocks > 0) problem = 'entries after the end of the archive'
          else problem = headerProblem(block)
          entries++
          skip = dataBytes(block)
        }
      }
    })
  } catch (err) {
    return `it does not inflate (${(err as Error).message})`
  }
  if (problem) return problem
  if (header.length > 0 || (skip > 0 && skip !== Number.POSITIVE_INFINITY)) return 'an archive cut short'
  if (entries === 0) return 'an archive without entries'
  return null
}
