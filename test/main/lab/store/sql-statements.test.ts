import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = path.join(__dirname, '../../../../src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  )
}

/** Interpolations allowed inside SQL text: module constants (UPPER_CASE) and the integer migration version. */
const ALLOWED_INTERPOLATION = /^([A-Z][A-Z0-9_]*|version)$/

/**
 * The one place SQL text is assembled at run time: the runs list, sorted and filtered by any column
 * the table shows. It builds it only from the fields declared in `shared/run-fields.ts` (names the
 * caller gives are looked up there, never copied), and binds every value (test/main/lab/store/run-listing.test.ts).
 */
const STATEMENT_BUILDERS = ['main/lab/store/run-listing.ts']

describe('SQL statements', () => {
  it('are never built from input strings: every statement is a literal, bound with parameters', () => {
    const offences: string[] = []
    let statements = 0
    for (const file of sourceFiles(SRC)) {
      const source = readFileSync(file, 'utf8')
      // better-sqlite3 entry points that take SQL text; RegExp#exec is not one of them.
      const calls = /(?:\.prepare|\.pragma|\bdb\.exec)\s*(?:<[^\n]*?>)?\(\s*/g
      for (let m = calls.exec(source); m; m = calls.exec(source)) {
        statements++
        const rest = source.slice(m.index + m[0].length)
        const where = `${path.relative(SRC, file)}:${source.slice(0, m.index).split('\n').length}`
        const quote = rest[0]
        if (quote === "'" || quote === '"') continue
        if (quote === '`') {
          const body = rest.slice(1, rest.indexOf('`', 1))
          for (const [, expr] of body.matchAll(/\$\{([^}]*)\}/g)) {
            if (!ALLOWED_INTERPOLATION.test(expr.trim())) offences.push(`${where}: interpolates \${${expr}}`)
          }
          continue
        }
        // A variable holding SQL is only fine for the migrations' own constant text.
        if (STATEMENT_BUILDERS.includes(path.relative(SRC, file))) continue
        if (!/^migration\.up\b/.test(rest)) offences.push(`${where}: SQL from an expression (${rest.slice(0, 30)}…)`)
      }
    }
    expect(statements).toBeGreaterThan(30)
    expect(offences).toEqual([])
  })
})
