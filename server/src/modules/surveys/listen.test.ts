import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { sniffAudio } from './qr.ts'

const FENGPU = '310120002'
const LIMIT = 64 * 1024
const MINUTE = 60_000

let t: TestApp
let fengpu: Session
let nanqiao: Session

const mp3 = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(4000, 7)])
const withHead = (head: number[] | string, at = 0, size = 64) => {
  const b = Buffer.alloc(size)
  if (typeof head === 'string') b.write(head, at, 'latin1')
  else Buffer.from(head).copy(b, at)
  return b
}

beforeAll(async () => {
  t = await startTestApp({
    config: { listen: { audioMaxBytes: LIMIT, playWindowMinutes: 30, playsPerAddress: 3 } },
  })
  fengpu = await login(t.app, 'fengpu_admin')
  nanqiao = await login(t.app, 'nanqiao_admin')
})
afterAll(() => t.close())

const create = async (kind: 'audio' | 'text', title: string, body = '') => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/qr-contents',
    headers: fengpu.headers,
    payload: { areaCode: FENGPU, kind, title, body },
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: number; slug: string }
}
const upload = (id: number, body: Buffer, type = 'audio/mpeg', s = fengpu, lang = 'zh-CN') =>
  t.app.inject({
    method: 'PUT',
    url: `/api/qr-contents/${id}/audio`,
    headers: { ...s.headers, 'content-type': type, 'accept-language': lang },
    payload: body,
  })
const stored = async (id: number) =>
  t.ctx.db
    .selectFrom('qr_content')
    .select(['audio_type', 'audio_bytes', 'updated_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()

describe('audio signatures', () => {
  it('knows MP3, AAC (ADTS), M4A, OGG, WAV and WebM by their bytes, and nothing else', () => {
    expect(sniffAudio(withHead('ID3'))).toBe('audio/mpeg')
    expect(sniffAudio(withHead([0xff, 0xfb, 0x90, 0x64]))).toBe('audio/mpeg')
    // ADTS: sync bits, layer 00 — the same first byte as MPEG, told apart by the layer.
    expect(sniffAudio(withHead([0xff, 0xf1, 0x50, 0x80]))).toBe('audio/aac')
    expect(sniffAudio(withHead([0xff, 0xf9, 0x50, 0x80]))).toBe('audio/aac')
    expect(sniffAudio(withHead('ftypM4A ', 4))).toBe('audio/mp4')
    expect(sniffAudio(withHead('OggS'))).toBe('audio/ogg')
    const wav = withHead('RIFF')
    wav.write('WAVE', 8, 'latin1')
    expect(sniffAudio(wav)).toBe('audio/wav')
    const webm = withHead([0x1a, 0x45, 0xdf, 0xa3])
    webm.write('B\x82\x84webm', 24, 'latin1')
    expect(sniffAudio(webm)).toBe('audio/webm')
    const mkv = withHead([0x1a, 0x45, 0xdf, 0xa3])
    mkv.write('matroska', 24, 'latin1')
    expect(sniffAudio(mkv)).toBeNull()
    // A RIFF that is not WAVE (an AVI), a PNG, HTML, and too short to tell.
    const avi = withHead('RIFF')
    avi.write('AVI ', 8, 'latin1')
    expect(sniffAudio(avi)).toBeNull()
    expect(sniffAudio(withHead([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull()
    expect(sniffAudio(Buffer.from('<html><body>not audio</body></html>'))).toBeNull()
    expect(sniffAudio(Buffer.from('ID3'))).toBeNull()
  })
})

describe('audio upload', () => {
  it('takes audio by its bytes whatever type the client claims', async () => {
    const item = await create('audio', '上传测试')
    const aac = withHead([0xff, 0xf1, 0x50, 0x80], 0, 3000)
    const ok = await upload(item.id, aac, 'application/octet-stream')
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ audioType: 'audio/aac', audioBytes: 3000 })
    const webm = withHead([0x1a, 0x45, 0xdf, 0xa3], 0, 2000)
    webm.write('webm', 20, 'latin1')
    const again = await upload(item.id, webm, 'audio/mpeg')
    expect(again.json()).toMatchObject({ audioType: 'audio/webm', audioBytes: 2000 })
  })

  it('refuses a file that is not audio with a specific 400 in both languages, and keeps what was there', async () => {
    const item = await create('audio', '伪装文件')
    expect((await upload(item.id, mp3)).statusCode).toBe(200)
    const before = await stored(item.id)
    const png = withHead([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0, 500)
    for (const type of ['audio/mpeg', 'image/png', 'application/octet-stream']) {
      const zh = await upload(item.id, png, type)
      expect(zh.statusCode, `${type}: ${zh.body}`).toBe(400)
      expect(zh.json().code).toBe('qr_audio_invalid')
      expect(zh.json().message).toContain('音频')
    }
    const en = await upload(item.id, png, 'audio/mpeg', fengpu, 'en-US')
    expect(en.json().message).toMatch(/audio/i)
    expect(await stored(item.id)).toEqual(before)
  })

  it('refuses a file over the configured limit with a specific 413 naming the limit, and keeps what was there', async () => {
    const item = await create('audio', '超大文件')
    expect((await upload(item.id, mp3)).statusCode).toBe(200)
    const before = await stored(item.id)
    const big = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(LIMIT)])
    const zh = await upload(item.id, big)
    expect(zh.statusCode, zh.body).toBe(413)
    expect(zh.json().code).toBe('qr_audio_too_large')
    expect(zh.json().message).toContain('64 KB')
    const en = await upload(item.id, big, 'audio/mpeg', fengpu, 'en-US')
    expect(en.statusCode).toBe(413)
    expect(en.json().message).toMatch(/64 KB/)
    expect(await stored(item.id)).toEqual(before)
    // Exactly at the limit is still taken.
    const edge = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(LIMIT - 3)])
    expect((await upload(item.id, edge)).statusCode).toBe(200)
  })

  it('is for staff who may edit the item only', async () => {
    const item = await create('audio', '他人内容')
    expect((await upload(item.id, mp3, 'audio/mpeg', nanqiao)).statusCode).toBe(403)
    const anon = await t.app.inject({
      method: 'PUT',
      url: `/api/qr-contents/${item.id}/audio`,
      headers: { 'content-type': 'audio/mpeg' },
      payload: mp3,
    })
    expect(anon.statusCode).toBe(401)
    expect((await stored(item.id)).audio_type).toBeNull()
  })
})

describe('public audio', () => {
  it('streams the audio whole, or the byte range asked for', async () => {
    const item = await create('audio', '分段播放')
    const data = Buffer.concat([
      Buffer.from('ID3'),
      Buffer.from(Array.from({ length: 997 }, (_, i) => i % 251)),
    ])
    expect((await upload(item.id, data)).statusCode).toBe(200)
    const url = `/api/public/qr/${item.slug}/audio`
    const whole = await t.app.inject({ url })
    expect(whole.statusCode).toBe(200)
    expect(whole.headers['accept-ranges']).toBe('bytes')
    expect(whole.rawPayload.equals(data)).toBe(true)
    const part = await t.app.inject({ url, headers: { range: 'bytes=100-199' } })
    expect(part.statusCode).toBe(206)
    expect(part.headers['content-range']).toBe('bytes 100-199/1000')
    expect(part.rawPayload.equals(data.subarray(100, 200))).toBe(true)
    const tail = await t.app.inject({ url, headers: { range: 'bytes=-10' } })
    expect(tail.headers['content-range']).toBe('bytes 990-999/1000')
    expect(tail.rawPayload.equals(data.subarray(990))).toBe(true)
    const open = await t.app.inject({ url, headers: { range: 'bytes=995-' } })
    expect(open.rawPayload.equals(data.subarray(995))).toBe(true)
    const outside = await t.app.inject({ url, headers: { range: 'bytes=5000-6000' } })
    expect(outside.statusCode).toBe(416)
    expect(outside.headers['content-range']).toBe('bytes */1000')
    // A range the server does not serve (several parts, or nonsense) gets the whole file.
    const multi = await t.app.inject({ url, headers: { range: 'bytes=0-1,5-6' } })
    expect(multi.statusCode).toBe(200)
    expect(multi.rawPayload.equals(data)).toBe(true)
  })
})

describe('play counts', () => {
  const play = (slug: string, ip: string, cookie?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/public/qr/${slug}/plays`,
      remoteAddress: ip,
      headers: cookie ? { cookie } : {},
    })
  const plays = async (slug: string) => (await t.app.inject({ url: `/api/public/qr/${slug}` })).json().plays
  const listenerCookie = async (slug: string, ip: string) => {
    const page = await t.app.inject({ url: `/api/public/qr/${slug}`, remoteAddress: ip })
    const c = page.cookies.find((k) => k.name === 'tx_listener')
    expect(c, 'the page gives the browser a listener cookie').toBeDefined()
    return `tx_listener=${c!.value}`
  }

  it('counts a start once per listener per window, not page loads, and not replays', async () => {
    const item = await create('text', '入党誓词', '我志愿加入中国共产党')
    const cookie = await listenerCookie(item.slug, '10.1.0.1')
    await t.app.inject({ url: `/api/public/qr/${item.slug}`, remoteAddress: '10.1.0.1' })
    expect(await plays(item.slug)).toBe(0)
    const first = await play(item.slug, '10.1.0.1', cookie)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toEqual({ plays: 1, counted: true })
    for (let i = 0; i < 5; i++) {
      const again = await play(item.slug, '10.1.0.1', cookie)
      expect(again.statusCode).toBe(200)
      expect(again.json()).toEqual({ plays: 1, counted: false })
    }
    // Without the cookie (a script) the address is the listener: one play, however often it asks.
    await Promise.all([1, 2, 3, 4].map(() => play(item.slug, '10.1.0.9')))
    expect(await plays(item.slug)).toBe(2)
    // After the window the same listener counts again.
    t.clock.advance(31 * MINUTE)
    expect((await play(item.slug, '10.1.0.1', cookie)).json()).toEqual({ plays: 3, counted: true })
  })

  it('lets several listeners behind one address count, up to the per-address cap', async () => {
    const item = await create('text', '同一楼宇', '正文')
    for (let i = 0; i < 5; i++) {
      const cookie = await listenerCookie(item.slug, '10.2.0.1')
      await play(item.slug, '10.2.0.1', cookie)
    }
    // Five fresh cookies from one address, cap 3: minting cookies does not inflate the count beyond it.
    expect(await plays(item.slug)).toBe(3)
    // Another address and another item are not affected.
    expect((await play(item.slug, '10.2.0.2')).json().counted).toBe(true)
    const other = await create('text', '另一条', '正文')
    expect((await play(other.slug, '10.2.0.1')).json().counted).toBe(true)
  })

  it('keeps no raw address', async () => {
    const item = await create('text', '地址不留存', '正文')
    await play(item.slug, '192.0.2.77')
    const rows = await t.ctx.db.selectFrom('qr_play_seen').selectAll().execute()
    expect(rows.length).toBeGreaterThan(0)
    expect(JSON.stringify(rows)).not.toContain('192.0.2.77')
  })

  it('answers 404 for an unknown item and counts nothing', async () => {
    const res = await play('nosuchitem0', '10.3.0.1')
    expect(res.statusCode).toBe(404)
  })
})
