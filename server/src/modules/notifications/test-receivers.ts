import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

// Test-only: a real SMTP listener and a real HTTP receiver on 127.0.0.1, started by the test that uses them.

export interface Mail {
  to: string[]
  parsed: ParsedMail
}

/**
 * An SMTP server that accepts mail, or refuses a recipient (451 for a while, 550 or 452 for ever) or hangs
 * before its greeting, as the test sets `behaviour`.
 */
export async function startSmtp() {
  const mails: Mail[] = []
  const behaviour = {
    /** Temporary refusals (451) still to give, per address. */
    tempFailures: new Map<string, number>(),
    /** Addresses refused every time: 550 (no such mailbox) or 452 (mailbox full: temporary, but for ever). */
    refuse: new Map<string, 550 | 452>(),
    /** Connections still to leave without a greeting (a server that times out). */
    hang: 0,
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      if (behaviour.hang > 0) {
        behaviour.hang--
        return // no callback: the client never gets a greeting
      }
      callback()
    },
    onRcptTo(address, _session, callback) {
      const a = address.address
      const left = behaviour.tempFailures.get(a) ?? 0
      const fail = (code: number, text: string) =>
        callback(Object.assign(new Error(text), { responseCode: code }))
      if (left > 0) {
        behaviour.tempFailures.set(a, left - 1)
        return fail(451, 'Try again later')
      }
      const refused = behaviour.refuse.get(a)
      if (refused) return fail(refused, refused === 550 ? 'No such user' : 'Mailbox full')
      callback()
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed })
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    behaviour,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export interface Hit {
  path: string
  headers: IncomingMessage['headers']
  body: string
}

/** An HTTP receiver: records every POST; `failures[path]` queues error statuses for that path, then 200. */
export async function startReceiver() {
  const hits: Hit[] = []
  const failures: Record<string, number[]> = {}
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      hits.push({ path: req.url ?? '', headers: req.headers, body })
      const status = failures[(req.url ?? '').split('?')[0]!]?.shift() ?? 200
      res.writeHead(status, { 'content-type': 'application/json' })
      // The robot answers like 企业微信 does; the generic webhook's body is not read.
      res.end(JSON.stringify(status === 200 ? { errcode: 0, errmsg: 'ok' } : { errcode: -1, errmsg: 'busy' }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    failures,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
