import { describe, expect, it } from 'vitest'
import { sniffImage } from './images.ts'

describe('sniffImage', () => {
  it('names an image by its signature, whatever the file claims', () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg')
    expect(sniffImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png')
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toBe('image/webp')
  })

  it('refuses anything else, including a signature cut short', () => {
    expect(sniffImage(Buffer.from('%PDF-1.7'))).toBeNull()
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull()
    expect(sniffImage(Buffer.from([0xff, 0xd8]))).toBeNull()
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEB', 'latin1'))).toBeNull()
    expect(sniffImage(Buffer.alloc(0))).toBeNull()
  })
})
