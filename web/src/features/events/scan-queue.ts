/**
 * The scanner's offline queue: every scan is written here first with its nonce and time, then sent. A scan
 * that cannot reach the server stays and is sent again later with the same nonce, so the server counts it
 * once however often it arrives. Only an answer from the server (success or refusal) removes it.
 */
export interface QueuedScan {
  token: string
  nonce: string
  direction: 'entry' | 'exit'
  scannedAt: string
}

const key = (eventId: number) => `tongxin.events.scans.${eventId}`

export function newNonce(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

export function readQueue(eventId: number): QueuedScan[] {
  try {
    const raw = localStorage.getItem(key(eventId))
    const parsed: unknown = raw ? JSON.parse(raw) : []
    return Array.isArray(parsed) ? (parsed as QueuedScan[]) : []
  } catch {
    return []
  }
}

function write(eventId: number, scans: QueuedScan[]) {
  localStorage.setItem(key(eventId), JSON.stringify(scans))
}

export function enqueue(eventId: number, scan: QueuedScan) {
  write(eventId, [...readQueue(eventId).filter((s) => s.nonce !== scan.nonce), scan])
}

export function dequeue(eventId: number, nonce: string) {
  write(
    eventId,
    readQueue(eventId).filter((s) => s.nonce !== nonce),
  )
}
