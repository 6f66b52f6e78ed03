/**
 * A PGlite data-directory dump without the WAL segments a checkpoint keeps for reuse. PostgreSQL recycles
 * old segments instead of deleting them (16 MB each; the demo's dump carried four, half its size), and a
 * restore needs only the segments from the last checkpoint's redo point to the insert position: it creates
 * a later one when it needs it. Backups and the test template both come from here. A segment dropped wrongly
 * stops the restored database from starting, so the backup's own verification and every test database would
 * fail loudly, not pass unnoticed.
 */

/** The WAL files start-up reads, by name: from the checkpoint's redo point to the current insert position. */
export const WAL_RANGE_SQL =
  'SELECT redo_wal_file AS redo, pg_walfile_name(pg_current_wal_lsn()) AS last FROM pg_control_checkpoint()'

export interface WalRange {
  redo: string
  last: string
}

const SEGMENT = /(?:^|\/)pg_wal\/([0-9A-F]{24})$/

/**
 * The entries of a tar (ustar, as PGlite writes it): each one's name and where it lies, header included.
 * Only the 512-byte headers are read, so walking a dump copies none of its files.
 */
export async function* tarEntries(tar: Blob): AsyncGenerator<{ name: string; start: number; end: number }> {
  const text = (header: Uint8Array, at: number, length: number) =>
    Buffer.from(header.subarray(at, at + length))
      .toString('latin1')
      .replace(/\0.*$/s, '')
  let at = 0
  while (at + 512 <= tar.size) {
    const header = new Uint8Array(await tar.slice(at, at + 512).arrayBuffer())
    if (header.every((b) => b === 0)) return
    const size = Number.parseInt(text(header, 124, 12).trim() || '0', 8)
    const end = at + 512 + Math.ceil(size / 512) * 512
    yield { name: text(header, 0, 100), start: at, end }
    at = end
  }
}

/** The WAL segment an entry holds (its 24-character name), if it is one. */
export const walSegmentOf = (name: string) => SEGMENT.exec(name)?.[1]

/**
 * The tar without the WAL segments outside `range`; every other entry as it was. Built from slices of `tar`,
 * so the dump is not copied in this process (a city-sized one is over a gigabyte).
 */
export async function withoutSpareWal(tar: Blob, range: WalRange): Promise<Blob> {
  const kept: Blob[] = []
  for await (const { name, start, end } of tarEntries(tar)) {
    const segment = walSegmentOf(name)
    // Names order as the WAL does (timeline, then log and segment in fixed-width hex).
    if (segment === undefined || (segment >= range.redo && segment <= range.last))
      kept.push(tar.slice(start, end))
  }
  kept.push(new Blob([new Uint8Array(1024)]))
  return new Blob(kept, { type: tar.type || 'application/x-tar' })
}
