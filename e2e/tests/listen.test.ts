import { mkdir } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { DEMO_PASSWORD, fitsViewport, logIn, newPage, waitForText } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser
/** Set to a directory to keep screenshots of the listen page (390 and 1440 px, both languages). */
const SHOTS = process.env.TONGXIN_SCREENSHOTS
const FENGPU = '310120002'

async function apiSession(username: string) {
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  })
  if (login.status !== 200) throw new Error(`login as ${username}: ${login.status} ${await login.text()}`)
  const me = (await login.json()) as { csrfToken: string }
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return { cookie, 'x-csrf-token': me.csrfToken }
}

/** Two seconds of a quiet 440 Hz tone as 16-bit mono PCM WAV: real audio the browser can play. */
function toneWav(seconds = 2, rate = 8000) {
  const samples = seconds * rate
  const b = Buffer.alloc(44 + samples * 2)
  b.write('RIFF', 0, 'latin1')
  b.writeUInt32LE(36 + samples * 2, 4)
  b.write('WAVEfmt ', 8, 'latin1')
  b.writeUInt32LE(16, 16)
  b.writeUInt16LE(1, 20)
  b.writeUInt16LE(1, 22)
  b.writeUInt32LE(rate, 24)
  b.writeUInt32LE(rate * 2, 28)
  b.writeUInt16LE(2, 32)
  b.writeUInt16LE(16, 34)
  b.write('data', 36, 'latin1')
  b.writeUInt32LE(samples * 2, 40)
  for (let i = 0; i < samples; i++)
    b.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2)
  return b
}

let audioItem: { id: number; slug: string }
let textItem: { id: number; slug: string }

beforeAll(async () => {
  browser = await launchBrowser()
  const staff = await apiSession('fengpu_admin')
  const create = async (kind: 'audio' | 'text', title: string, body: string) => {
    const res = await fetch(`${baseURL}/api/qr-contents`, {
      method: 'POST',
      headers: { ...staff, 'content-type': 'application/json' },
      body: JSON.stringify({ areaCode: FENGPU, kind, title, body }),
    })
    if (res.status !== 201) throw new Error(`create ${title}: ${res.status} ${await res.text()}`)
    return (await res.json()) as { id: number; slug: string }
  }
  audioItem = await create(
    'audio',
    '红色故事：南湖红船（E2E）',
    '1921年，中国共产党第一次全国代表大会在嘉兴南湖的一条游船上闭幕。',
  )
  const up = await fetch(`${baseURL}/api/qr-contents/${audioItem.id}/audio`, {
    method: 'PUT',
    // The declared type is not trusted either way: the server reads the bytes.
    headers: { ...staff, 'content-type': 'application/octet-stream' },
    body: toneWav(),
  })
  if (up.status !== 200) throw new Error(`upload: ${up.status} ${await up.text()}`)
  textItem = await create('text', '入党誓词（E2E）', '我志愿加入中国共产党，拥护党的纲领，遵守党的章程。')
})
afterAll(async () => {
  await browser?.close()
})

const plays = async (slug: string) =>
  ((await (await fetch(`${baseURL}/api/public/qr/${slug}`)).json()) as { plays: number }).plays

async function shot(page: Page, name: string) {
  if (!SHOTS) return
  await mkdir(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

describe('扫码听红音: the public listen page', () => {
  test('an item with audio shows a player; opening the page counts nothing, starting playback counts one', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    await page.goto(`/listen/${audioItem.slug}`)
    const audio = page.getByTestId('listen-audio')
    await audio.waitFor()
    expect(await page.getByTestId('listen-read-aloud').count()).toBe(0)
    await waitForText(page.getByTestId('listen-plays'), '播放 0 次')
    expect(await plays(audioItem.slug)).toBe(0)
    // A tap on the page is the user gesture the autoplay policy wants; then playback starts as the control would.
    await page.getByRole('heading').click()
    await page.evaluate(() => document.querySelector('audio')!.play())
    await waitForText(page.getByTestId('listen-plays'), '播放 1 次')
    expect(await plays(audioItem.slug)).toBe(1)
    // Pausing and playing again on the same page is the same listen.
    await page.evaluate(async () => {
      const a = document.querySelector('audio')!
      a.pause()
      await a.play()
    })
    await page.reload()
    await audio.waitFor()
    await page.getByRole('heading').click()
    // A reload and another start within the window is the same listener: asked again, still one.
    const asked = page.waitForResponse((r) => r.url().endsWith('/plays') && r.status() === 200)
    await page.evaluate(() => document.querySelector('audio')!.play())
    expect(await (await asked).json()).toEqual({ plays: 1, counted: false })
    expect(await plays(audioItem.slug)).toBe(1)
    expect(pageErrors).toEqual([])
    await context.close()
  })

  test('an item without audio offers "read aloud", and a play counts when speech starts', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    await page.goto(`/listen/${textItem.slug}`)
    const read = page.getByTestId('listen-read-aloud')
    await read.waitFor()
    expect(await page.getByTestId('listen-audio').count()).toBe(0)
    expect(await plays(textItem.slug)).toBe(0)
    // Headless chromium here has no speech voices, so speak() never starts; only then is the engine replaced
    // by one that starts at once, leaving the page's own code (utterance, onstart, counting) as it is.
    const voices = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          if (speechSynthesis.getVoices().length > 0) return resolve(speechSynthesis.getVoices().length)
          speechSynthesis.addEventListener('voiceschanged', () => resolve(speechSynthesis.getVoices().length))
          setTimeout(() => resolve(speechSynthesis.getVoices().length), 1500)
        }),
    )
    if (voices === 0)
      await page.evaluate(() => {
        const w = window as unknown as { __spoken: string[] }
        w.__spoken = []
        speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
          w.__spoken.push(u.text)
          u.onstart?.(new Event('start') as SpeechSynthesisEvent)
        }
      })
    console.info(`speech voices in this chromium: ${voices}${voices === 0 ? ' (speak stubbed)' : ''}`)
    await read.click()
    await waitForText(page.getByTestId('listen-plays'), '播放 1 次')
    expect(await plays(textItem.slug)).toBe(1)
    if (voices === 0) {
      const spoken = await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)
      expect(spoken).toHaveLength(1)
      expect(spoken[0]).toContain('我志愿加入中国共产党')
    }
    await page.getByTestId('listen-stop').click()
    await read.waitFor()
    expect(pageErrors).toEqual([])
    await context.close()
  })

  test('staff upload a file to an audio item; one that is not audio is refused by its bytes', async () => {
    const staff = await apiSession('fengpu_admin')
    const res = await fetch(`${baseURL}/api/qr-contents`, {
      method: 'POST',
      headers: { ...staff, 'content-type': 'application/json' },
      body: JSON.stringify({ areaCode: FENGPU, kind: 'audio', title: '上传测试（E2E）' }),
    })
    const item = (await res.json()) as { id: number; slug: string }
    const { context, page, pageErrors } = await newPage(browser, baseURL)
    await logIn(page, 'fengpu_admin')
    await page.goto('/qr-contents')
    const input = page.getByTestId(`qr-audio-input-${item.id}`)
    await input.waitFor({ state: 'attached' })
    // A picture renamed to .mp3 and declared as audio.
    await input.setInputFiles({
      name: 'story.mp3',
      mimeType: 'audio/mpeg',
      buffer: Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(200),
      ]),
    })
    await waitForText(page.locator('.ant-alert-error'), '不是可识别的音频')
    expect((await fetch(`${baseURL}/api/public/qr/${item.slug}`).then((r) => r.json())).hasAudio).toBe(false)
    await input.setInputFiles({ name: 'story.wav', mimeType: 'audio/wav', buffer: toneWav(1) })
    await waitForText(page.getByRole('button'), '更换音频')
    expect((await fetch(`${baseURL}/api/public/qr/${item.slug}`).then((r) => r.json())).hasAudio).toBe(true)
    expect(pageErrors).toEqual([])
    await context.close()
  })

  test('fits a phone and a desktop in both languages', async () => {
    for (const width of [390, 1440]) {
      for (const lang of ['zh-CN', 'en-US'] as const) {
        for (const [name, item] of [
          ['audio', audioItem],
          ['text', textItem],
        ] as const) {
          const { context, page } = await newPage(browser, baseURL, {
            width,
            height: width === 390 ? 844 : 900,
            phone: width === 390,
          })
          await context.addInitScript((l) => localStorage.setItem('tongxin.lang', l), lang)
          await page.goto(`/listen/${item.slug}`)
          await page.getByTestId(name === 'audio' ? 'listen-audio' : 'listen-read-aloud').waitFor()
          if (lang === 'en-US') await waitForText(page.getByTestId('listen-plays'), /Plays:/)
          const size = await fitsViewport(page)
          expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth)
          await shot(page, `listen-${name}-${width}-${lang}`)
          await context.close()
        }
      }
    }
  })
})
