/** Small helpers the benchmarks share: percentiles, medians of repeated timings, and the load line. */
import { loadavg } from 'node:os'

/** The p-quantile (0…1) of already sorted values, by nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

/** "p50 1.2 ms, p95 3.4 ms, p99 5.6 ms, max 7.8 ms" for a list of milliseconds. */
export function describeMs(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b)
  const f = (v: number) => `${v.toFixed(1)} ms`
  return `n ${sorted.length}, p50 ${f(quantile(sorted, 0.5))}, p95 ${f(quantile(sorted, 0.95))}, p99 ${f(quantile(sorted, 0.99))}, max ${f(sorted.at(-1) ?? NaN)}`
}

/** Median wall-clock milliseconds of `rounds` calls of `work`, after one warm-up call (JIT, caches). */
export async function medianMs(rounds: number, work: () => unknown): Promise<number> {
  await work()
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    const started = performance.now()
    await work()
    times.push(performance.now() - started)
  }
  return quantile(times.sort((a, b) => a - b), 0.5)
}

/** The machine's load, printed at start and end: figures are comparable only within one invocation. */
export const loadLine = (when: string) => `load average ${when}: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`
