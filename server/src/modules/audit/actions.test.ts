import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { AUDIT_ACTIONS, EXPORT_LISTS, INCUBATEE_STATUS, NEED_ACTION_LIST } from '@tongxin/contracts'
import { describe, expect, it } from 'vitest'

const SRC = join(import.meta.dirname, '../..')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sources(p)
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : []
  })
}

/** The expression at the start of `text`: up to the first comma, brace or line end outside quotes and brackets. */
function expression(text: string): string {
  let depth = 0
  let quote = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === "'" || c === '`') quote = c
    else if (c === '(' || c === '[') depth++
    else if (c === ')' || c === ']') depth--
    else if (depth === 0 && (c === ',' || c === '}' || c === '\n')) return text.slice(0, i)
  }
  return text
}

/**
 * What each `writeAudit(` call names as its action: the literal codes (in ternaries too), the template
 * literals, and constants (`const ACTION = '…'`), read from the source itself.
 */
function actionsInSource() {
  const literals = new Set<string>()
  const templates = new Set<string>()
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/writeAudit\(/g)) {
      const call = text.slice(m.index, m.index + 600)
      const start = /action:\s*/.exec(call)
      if (!start) continue
      const action = expression(call.slice(start.index + start[0].length))
      // Codes always have a dot; a bare word in the line is a comparison (`decision === 'approve' ? …`).
      for (const lit of action.matchAll(/'([a-z_]+\.[a-z_.]+)'/g)) literals.add(lit[1]!)
      for (const tpl of action.matchAll(/`([^`]*)`/g)) templates.add(tpl[1]!)
      const constant = /^([A-Z_]+)\b/.exec(action)?.[1]
      if (constant) {
        const value = new RegExp(`const ${constant} = '([a-z_.]+)'`).exec(text)?.[1]
        if (value) literals.add(value)
        else templates.add(`const ${constant}`)
      }
    }
  }
  return { literals, templates }
}

describe('audit actions', () => {
  const { literals, templates } = actionsInSource()

  it('finds the audit calls it reads (a broken reader would pass anything)', () => {
    expect(literals.size).toBeGreaterThan(80)
    expect(literals).toContain('auth.login')
    expect(literals).toContain('volunteer.hours.adjust')
    expect(literals).toContain('person.id_conflict')
  })

  it('every action code written by the server has words in both languages', () => {
    const missing = [...literals].filter((code) => !(code in AUDIT_ACTIONS))
    expect(missing).toEqual([])
    for (const [code, words] of Object.entries(AUDIT_ACTIONS)) {
      expect(words['zh-CN'].trim(), code).not.toBe('')
      expect(words['en-US'].trim(), code).not.toBe('')
      expect(words['en-US'], code).not.toBe(code)
    }
  })

  it('every action built from a template has words for each value it can take', () => {
    const expanded: Record<string, readonly string[]> = {
      'need.${body.action}': NEED_ACTION_LIST.map((a) => `need.${a}`),
      'incubatee.${input.status}': INCUBATEE_STATUS.filter((s) => s !== 'incubating').map(
        (s) => `incubatee.${s}`,
      ),
      'export.${list}': EXPORT_LISTS.map((l) => `export.${l}`),
    }
    // A new template must be listed above with the values it takes.
    expect([...templates].sort()).toEqual(Object.keys(expanded).sort())
    const missing = Object.values(expanded)
      .flat()
      .filter((code) => !(code in AUDIT_ACTIONS))
    expect(missing).toEqual([])
  })
})
