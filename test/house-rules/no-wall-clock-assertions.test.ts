import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const TEST_ROOT = path.join(__dirname, '..')

/** An ordering matcher whose subject or bound names a time, a rate or a latency percentile. */
const TIMED_COMPARISON =
  /expect\((?:[^()]|\([^()]*\))*(?:\bms\b|Ms\b|millis|seconds\b|elapsed|latenc|duration|\bp9[59]\b|fps|perSecond|performance\.now|Date\.now)(?:[^()]|\([^()]*\))*\)\s*\.(?:not\.)?toBe(?:Less|Greater)Than/i

/** "it took some time" (a field is filled in) is behaviour, not a speed bound. */
const POSITIVITY_CHECK = /\.toBeGreaterThan\(0\)/

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(file)
    return entry.name.endsWith('.ts') ? [file] : []
  })
}

/** `file:line: text` for every line of `source` that compares a wall-clock figure with a bound. */
export function timedComparisons(file: string, source: string): string[] {
  return source
    .split('\n')
    .flatMap((line, i) => (TIMED_COMPARISON.test(line) && !POSITIVITY_CHECK.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []))
}

describe('tests assert behaviour, never wall-clock time (speed lives in bench/)', () => {
  it('finds no comparison of a time, rate or latency with a fixed bound in test/', () => {
    const found = testFiles(TEST_ROOT)
      .filter((file) => file !== __filename) // its own examples below
      .flatMap((file) => timedComparisons(path.relative(TEST_ROOT, file), readFileSync(file, 'utf8')))
    expect(found).toEqual([])
  })

  it('recognises the kinds of assertion it forbids, and leaves numeric ones alone', () => {
    const flagged = [
      'expect(p95).toBeLessThan(50)',
      'expect(navigateMs).toBeLessThan(1000)',
      'expect(seconds).toBeLessThan(0.5)',
      'expect(performance.now() - started).toBeLessThan(10)',
      'expect(latencies[0]).not.toBeGreaterThan(3)',
    ]
    const allowed = ['expect(result.seconds).toBeGreaterThan(0)', 'expect(second[0]).toBeLessThanOrEqual(worst[0])', 'expect(maxAbsDiff(values, reference)).toBeLessThan(1e-5)', 'expect(rowsInDom).toBeLessThan(60)', 'expect(result.verdict).toBe("consistent")']
    expect(flagged.map((line) => timedComparisons('x', line).length)).toEqual(flagged.map(() => 1))
    expect(allowed.map((line) => timedComparisons('x', line).length)).toEqual(allowed.map(() => 0))
  })
})
