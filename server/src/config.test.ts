import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

const SECRET = 'x'.repeat(32)

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/tongxin')
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
  return []
}

describe('loadConfig', () => {
  it('defaults to the embedded database with demo data on localhost:3000', () => {
    const c = loadConfig({}, '/srv/tongxin')
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: null, demo: true, secret: null })
    expect(c.dataDir).toBe('/srv/tongxin/data')
  })

  it('turns demo off by default on a server, and allows it when asked explicitly', () => {
    const url = 'postgres://u@localhost/db'
    expect(loadConfig({ DATABASE_URL: url, TONGXIN_SECRET: SECRET }).demo).toBe(false)
    expect(loadConfig({ DATABASE_URL: url, TONGXIN_SECRET: SECRET, TONGXIN_DEMO: '1' }).demo).toBe(true)
  })

  it('resolves the data directory against the given working directory', () => {
    expect(loadConfig({ TONGXIN_DATA_DIR: 'var/tx' }, '/srv/app').dataDir).toBe('/srv/app/var/tx')
  })

  it('reports every problem at once', () => {
    const list = problems({
      PORT: 'eighty',
      TONGXIN_DEMO: 'yes',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://x',
    })
    expect(list).toHaveLength(5)
    expect(list.join('\n')).toMatch(/PORT must be an integer/)
    expect(list.join('\n')).toMatch(/TONGXIN_DEMO must be 1 or 0/)
    expect(list.join('\n')).toMatch(/LOG_LEVEL must be one of/)
    expect(list.join('\n')).toMatch(/DATABASE_URL must start with postgres/)
    expect(list.join('\n')).toMatch(/TONGXIN_SECRET is required with DATABASE_URL/)
  })

  it('rejects out-of-range ports, short secrets and short admin passwords', () => {
    expect(problems({ PORT: '70000' })[0]).toMatch(/PORT must be an integer between 0 and 65535/)
    expect(problems({ TONGXIN_SECRET: 'short' })[0]).toMatch(/at least 32 characters/)
    expect(problems({ TONGXIN_ADMIN_PASSWORD: 'abc' })[0]).toMatch(/TONGXIN_ADMIN_PASSWORD/)
  })

  it('bounds how long a start waits for an abandoned data-directory lock (0: not at all)', () => {
    expect(loadConfig({}).lockWaitSeconds).toBe(60)
    expect(loadConfig({ TONGXIN_LOCK_WAIT_SECONDS: '0' }).lockWaitSeconds).toBe(0)
    expect(problems({ TONGXIN_LOCK_WAIT_SECONDS: 'soon' })[0]).toMatch(
      /TONGXIN_LOCK_WAIT_SECONDS must be an integer between 0 and 3600/,
    )
  })

  it('lets tests run every background job more often, within sane bounds', () => {
    expect(loadConfig({}).jobIntervalMs).toBeNull()
    expect(loadConfig({ TONGXIN_JOB_INTERVAL_MS: '250' }).jobIntervalMs).toBe(250)
    expect(problems({ TONGXIN_JOB_INTERVAL_MS: '5' })[0]).toMatch(
      /TONGXIN_JOB_INTERVAL_MS must be an integer between 100 and 86400000/,
    )
  })
})

describe('TONGXIN_TRUST_PROXY', () => {
  const trust = (value: string) => loadConfig({ TONGXIN_TRUST_PROXY: value }).trustProxy

  it('is off by default and with 0', () => {
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(trust('0')).toBe(false)
    expect(trust('false')).toBe(false)
  })

  it('takes a number of proxies in front: 1 is one load balancer, not "trust everything"', () => {
    expect(trust('1')).toBe(1)
    expect(trust(' 2 ')).toBe(2)
  })

  it('takes a list of proxy addresses and networks', () => {
    expect(trust('10.0.0.0/8, 192.168.1.1')).toEqual(['10.0.0.0/8', '192.168.1.1'])
    expect(trust('fd00::/8,::1')).toEqual(['fd00::/8', '::1'])
    expect(trust('loopback')).toEqual(['loopback'])
  })

  it('refuses anything else with a message naming the bad part', () => {
    expect(problems({ TONGXIN_TRUST_PROXY: 'true' })[0]).toMatch(
      /TONGXIN_TRUST_PROXY must be 0, a number of proxies \(1 for one load balancer\) or a comma-separated list/,
    )
    expect(problems({ TONGXIN_TRUST_PROXY: '-1' })[0]).toMatch(/TONGXIN_TRUST_PROXY/)
    expect(problems({ TONGXIN_TRUST_PROXY: '1.5' })[0]).toMatch(/TONGXIN_TRUST_PROXY/)
    expect(problems({ TONGXIN_TRUST_PROXY: '10.0.0.0/33' })[0]).toMatch(/"10.0.0.0\/33" is not/)
    expect(problems({ TONGXIN_TRUST_PROXY: '10.0.0.1, proxy.example' })[0]).toMatch(/"proxy.example" is not/)
    expect(problems({ TONGXIN_TRUST_PROXY: '10.0.0.1,,10.0.0.2' })[0]).toMatch(/TONGXIN_TRUST_PROXY/)
  })
})
