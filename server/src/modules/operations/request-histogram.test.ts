import { Histogram, type Metric, Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { RequestHistogram } from './request-histogram.ts'

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

describe('the request-latency histogram', () => {
  it('scrapes exactly as prom-client’s Histogram does for the same observations', async () => {
    const ours = new Registry()
    const theirs = new Registry()
    const mine = new RequestHistogram('tx_req_seconds', 'help text', BUCKETS)
    ours.registerMetric(mine as unknown as Metric)
    const reference = new Histogram({
      name: 'tx_req_seconds',
      help: 'help text',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: BUCKETS,
      registers: [theirs],
    })
    const observations: Array<[string, string, number, number]> = [
      ['GET', '/api/auth/me', 200, 0.001],
      ['GET', '/api/auth/me', 200, 0.005], // on a bound: counted in that bucket
      ['GET', '/api/auth/me', 200, 0.0051],
      ['GET', '/api/auth/me', 401, 0.2],
      ['POST', '/api/needs', 201, 31],
      ['GET', 'unmatched', 404, 30],
      ['GET', '/api/parks/:id', 200, 0.75],
      ['GET', '/api/parks/:id', 200, 0.75],
    ]
    for (const [method, route, status, seconds] of observations) {
      mine.observe(method, route, status, seconds)
      reference.observe({ method, route, status: String(status) }, seconds)
    }
    const text = await ours.metrics()
    expect(text).toBe(await theirs.metrics())
    expect(text).toMatch(
      /^tx_req_seconds_bucket\{le="0\.005",method="GET",route="\/api\/auth\/me",status="200"\} 2$/m,
    )
    expect(text).toMatch(
      /^tx_req_seconds_bucket\{le="\+Inf",method="POST",route="\/api\/needs",status="201"\} 1$/m,
    )
    expect(text).toMatch(/^tx_req_seconds_count\{method="GET",route="\/api\/parks\/:id",status="200"\} 2$/m)
  })
})
