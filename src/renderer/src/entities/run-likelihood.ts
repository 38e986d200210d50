import type { RunId } from '../../../shared/api'
import type { LikelihoodEvaluation } from '../../../shared/likelihood-evaluation'

/** The K choices the views offer (any K from 1 to 10,000 through the API and `seqvae evaluate --iwae`). */
export const IWAE_K_CHOICES = [1, 10, 100, 1000] as const

/** `−145.16 ± 0.02`: nats per sequence with the Monte-Carlo standard error. */
export function formatNats({ mean, standardError }: { mean: number; standardError: number }): string {
  const digits = standardError < 0.05 ? 2 : 1
  return `${mean < 0 ? '−' : ''}${Math.abs(mean).toFixed(digits)} ± ${standardError.toFixed(digits)}`
}

/** One estimate per run to compare by: at the largest K that every run with an estimate has, else each run's largest. */
export function comparableEstimates(byRun: ReadonlyMap<RunId, readonly LikelihoodEvaluation[]>, ids: readonly RunId[]): Map<RunId, LikelihoodEvaluation> {
  const lists = ids.map((id) => byRun.get(id) ?? []).filter((list) => list.length > 0)
  const shared = lists.length > 0 ? lists.map((list) => new Set(list.map((e) => e.k))).reduce((a, b) => new Set([...a].filter((k) => b.has(k)))) : new Set<number>()
  const k = shared.size > 0 ? Math.max(...shared) : null
  const chosen = new Map<RunId, LikelihoodEvaluation>()
  for (const id of ids) {
    const list = byRun.get(id) ?? []
    const pick = (k !== null ? list.find((e) => e.k === k) : undefined) ?? list.reduce<LikelihoodEvaluation | undefined>((best, e) => (!best || e.k > best.k ? e : best), undefined)
    if (pick) chosen.set(id, pick)
  }
  return chosen
}

/** Estimates grouped by run, each run's by K. */
export function byRun(evaluations: readonly LikelihoodEvaluation[]): Map<RunId, LikelihoodEvaluation[]> {
  const grouped = new Map<RunId, LikelihoodEvaluation[]>()
  for (const e of evaluations) grouped.set(e.runId, [...(grouped.get(e.runId) ?? []), e].sort((a, b) => a.k - b.k))
  return grouped
}
