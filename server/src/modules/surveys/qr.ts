import type { FastifyRequest } from 'fastify'
import QRCode from 'qrcode'

export const AUDIO_MAX_BYTES = 5 * 1024 * 1024
type AudioType = 'audio/mpeg' | 'audio/mp4' | 'audio/ogg' | 'audio/wav'

/** What the bytes are, by their signature; a renamed file or a lying content-type is caught here. */
export function sniffAudio(data: Buffer): AudioType | null {
  if (data.length < 12) return null
  if (data.toString('latin1', 0, 3) === 'ID3') return 'audio/mpeg'
  // An MPEG audio frame without a tag: 11 set sync bits, and a layer that is not "reserved".
  if (data[0] === 0xff && (data[1]! & 0xe0) === 0xe0 && (data[1]! & 0x06) !== 0) return 'audio/mpeg'
  if (data.toString('latin1', 4, 8) === 'ftyp') return 'audio/mp4'
  if (data.toString('latin1', 0, 4) === 'OggS') return 'audio/ogg'
  if (data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WAVE')
    return 'audio/wav'
  return null
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
