/**
 * First paint of the public phone pages (and the signed-in desk) over an emulated 4G link.
 *   npm run build && node --import tsx bench/fcp.ts          # BENCH_RUNS (default 5) visits per page
 * Starts the real server on a fresh data directory with the demo data (e2e/server.ts), then opens each page
 * in headless Chromium at 390×844 through Chromium's own network emulation (1.6 Mbps down, 750 kbps up,
 * 150 ms round trip) with the cache disabled, as a first visit. Per page: first contentful paint, the moment
 * the page's own content is on screen (a selector appears), and the JavaScript it transferred.
 * Timings depend on the machine's load (the CPU is not throttled); bytes do not.
 */
import type { Browser, BrowserContext } from 'playwright-core'
import { demoSlug } from '../db/demo/surveys.common.ts'
import { launchBrowser } from '../e2e/browser.ts'
import { startServer } from '../e2e/server.ts'

const runs = Number(process.env.BENCH_RUNS ?? 5)
const NETWORK = { latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 }

interface PageCase {
  name: string
  path: string
  /** Appears when the page shows its own content (not a skeleton or a spinner). */
  ready: string
  signedIn?: boolean
}

const CASES: PageCase[] = [
  { name: 'kiosk', path: '/kiosk/waste', ready: '[data-testid="waste-kiosk-input"]' },
  { name: 'survey', path: `/survey/${demoSlug('jinhai-welfare')}`, ready: '[data-testid="survey-submit"]' },
  { name: 'QR content', path: `/listen/${demoSlug('red-story-0')}`, ready: 'audio, h3' },
  { name: 'login', path: '/login', ready: '[data-testid="login-submit"]' },
  { name: 'desk (home, signed in)', path: '/', ready: '[data-testid="home-greeting"]', signedIn: true },
]

interface Sample {
  fcp: number
  ready: number
  jsFiles: number
  jsTransferred: number
  jsDecoded: number
  allTransferred: number
}

async function visit(browser: Browser, baseURL: string, c: PageCase): Promise<Sample> {
  const context: BrowserContext = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  })
  try {
    if (c.signedIn) {
      const login = await context.request.post('/api/auth/login', {
        data: { username: 'admin', password: 'tongxin-demo' },
      })
      if (!login.ok()) throw new Error(`login failed: ${login.status()}`)
    }
    const page = await context.newPage()
    // Records when the page's own content first exists, from inside the page (no polling delay).
    // A string, not a function: tsx's helpers (`__name`) do not exist inside the page.
    await page.addInitScript(`(() => {
      const check = () => {
        if (window.__readyAt === undefined && document.querySelector(${JSON.stringify(c.ready)})) {
          window.__readyAt = performance.now()
          observer.disconnect()
        }
      }
      const observer = new MutationObserver(check)
      observer.observe(document, { childList: true, subtree: true })
    })()`)
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...NETWORK })
    await page.goto(c.path, { waitUntil: 'load', timeout: 120_000 })
    await page.waitForFunction(
      () => (window as unknown as { __readyAt?: number }).__readyAt !== undefined,
      null,
      {
        timeout: 120_000,
      },
    )
    return await page.evaluate(async () => {
      const fcp = await new Promise<number>((resolve) => {
        const entry = performance.getEntriesByName('first-contentful-paint')[0]
        if (entry) return resolve(entry.startTime)
        new PerformanceObserver((list) => {
          const found = list.getEntriesByName('first-contentful-paint')[0]
          if (found) resolve(found.startTime)
        }).observe({ type: 'paint', buffered: true })
      })
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
      const js = resources.filter((r) => new URL(r.name).pathname.endsWith('.js'))
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      return {
        fcp,
        ready: (window as unknown as { __readyAt: number }).__readyAt,
        jsFiles: js.length,
        jsTransferred: js.reduce((sum, r) => sum + r.transferSize, 0),
        jsDecoded: js.reduce((sum, r) => sum + r.decodedBodySize, 0),
        allTransferred: resources.reduce((sum, r) => sum + r.transferSize, nav.transferSize),
      }
    })
  } finally {
    await context.close()
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`

async function main() {
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    console.log(`${runs} first visits per page, 390×844, 1.6 Mbps / 750 kbps / 150 ms, cache disabled`)
    console.log(
      '| page | JS files | JS transferred | JS uncompressed | all transferred | FCP (median) | content (median) | FCP runs |',
    )
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
    for (const c of CASES) {
      const samples: Sample[] = []
      for (let i = 0; i < runs; i++) samples.push(await visit(browser, server.baseURL, c))
      const last = samples[samples.length - 1]!
      console.log(
        `| ${c.name} | ${last.jsFiles} | ${kb(last.jsTransferred)} | ${kb(last.jsDecoded)} | ${kb(last.allTransferred)} | ` +
          `${sec(median(samples.map((s) => s.fcp)))} | ${sec(median(samples.map((s) => s.ready)))} | ` +
          `${samples.map((s) => (s.fcp / 1000).toFixed(1)).join(' ')} |`,
      )
    }
  } finally {
    await browser.close()
    await server.stop()
  }
}

await main()
