import type { FastifyRequest } from 'fastify'
import QRCode from 'qrcode'

export type AudioType = 'audio/mpeg' | 'audio/aac' | 'audio/mp4' | 'audio/ogg' | 'audio/wav' | 'audio/webm'

/** What the bytes are, by their signature; a renamed file or a lying content-type is caught here. */
export function sniffAudio(data: Buffer): AudioType | null {
  if (data.length < 12) return null
  const ascii = (from: number, to: number) => data.toString('latin1', from, to)
  if (ascii(0, 3) === 'ID3') return 'audio/mpeg'
  if (data[0] === 0xff) {
    // ADTS (raw AAC): 12 sync bits, then the MPEG version bit, and a layer that is always 00.
    if ((data[1]! & 0xf6) === 0xf0) return 'audio/aac'
    // An MPEG audio frame without a tag: 11 sync bits, and a layer that is not "reserved".
    if ((data[1]! & 0xe0) === 0xe0 && (data[1]! & 0x06) !== 0) return 'audio/mpeg'
  }
  if (ascii(4, 8) === 'ftyp') return 'audio/mp4'
  if (ascii(0, 4) === 'OggS') return 'audio/ogg'
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav'
  // EBML header whose DocType (within the header's first bytes) is WebM, not another Matroska file.
  if (data.readUInt32BE(0) === 0x1a45dfa3 && ascii(4, 64).includes('webm')) return 'audio/webm'
  return null
}

/** "1.5 MB" / "64 KB" for messages about the size limit. */
export function sizeLabel(bytes: number) {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
  return `${Math.round(bytes / 1024)} KB`
}

/**
 * The one byte range of a `Range: bytes=…` header that is served (inclusive ends), `unsatisfiable` when it lies
 * outside the data, or null to answer with the whole body (no header, several ranges, or one not understood).
 */
export function byteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  const m = header?.trim().match(/^bytes=(\d*)-(\d*)$/)
  if (!m || (m[1] === '' && m[2] === '')) return null
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(m[1])
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  if (start >= size || end < start) return 'unsatisfiable'
  return { start, end }
}

/** The public address of a page of the web app, as the caller reached this server. */
export function publicUrl(request: FastifyRequest, path: string) {
  return `${request.protocol}://${request.host}${path}`
}

export async function qrImage(text: string, format: 'svg' | 'png') {
  if (format === 'svg') {
    return {
      type: 'image/svg+xml',
      body: await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }),
    }
  }
  return {
    type: 'image/png',
    body: await QRCode.toBuffer(text, { type: 'png', width: 600, margin: 2, errorCorrectionLevel: 'M' }),
  }
}
