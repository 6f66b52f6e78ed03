import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseOpsArgs } from './cli-args.ts'

const cwd = '/srv/tongxin'

describe('the backup commands’ arguments', () => {
  it('keep the slash that makes --out a directory, relative to where npm was run', () => {
    // path.resolve drops a trailing slash: `--out /mnt/offsite/` then named a file /mnt/offsite.
    expect(parseOpsArgs(['backup', '--out', '/mnt/offsite/'], cwd)).toEqual({
      command: 'backup',
      out: `/mnt/offsite${path.sep}`,
    })
    expect(parseOpsArgs(['backup', '--out', 'backups/'], cwd)).toEqual({
      command: 'backup',
      out: `/srv/tongxin/backups${path.sep}`,
    })
    expect(parseOpsArgs(['backup', '--out', 'nightly.txbackup'], cwd)).toEqual({
      command: 'backup',
      out: '/srv/tongxin/nightly.txbackup',
    })
    expect(parseOpsArgs(['backup'], cwd)).toEqual({ command: 'backup', out: undefined })
  })

  it('name one file for restore and verify; --force only restores', () => {
    expect(parseOpsArgs(['restore', 'b.txbackup', '--force'], cwd)).toEqual({
      command: 'restore',
      file: '/srv/tongxin/b.txbackup',
      force: true,
    })
    expect(parseOpsArgs(['restore', '/b/x.txbackup'], cwd)).toEqual({
      command: 'restore',
      file: '/b/x.txbackup',
      force: false,
    })
    expect(parseOpsArgs(['verify', 'x.txbackup'], cwd)).toEqual({
      command: 'verify',
      file: '/srv/tongxin/x.txbackup',
    })
  })

  it('refuse anything else', () => {
    for (const argv of [
      [],
      ['dump'],
      ['backup', '--out'],
      ['backup', 'extra'],
      ['backup', '--force'],
      ['backup', '--outt', 'x'],
      ['restore'],
      ['restore', 'a', 'b'],
      ['verify', 'a', '--force'],
    ]) {
      expect(parseOpsArgs(argv, cwd), argv.join(' ')).toBeNull()
    }
  })
})
