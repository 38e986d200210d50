import type { EpochMetrics, RunSummary } from '../../shared/api'

/** Left-aligned text table with a header row. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

export function epochTable(metrics: EpochMetrics[]): string {
  if (metrics.length === 0) return 'no finished epochs'
  return textTable(
    ['epoch', 'loss', 'recon', 'kl', 'val_loss', 'val_recon', 'val_kl', 'seconds'],
    metrics.map((m) => [
      String(m.epoch),
      m.loss.toFixed(4),
      m.recon.toFixed(4),
      m.kl.toFixed(3),
      m.valLoss.toFixed(4),
      m.valRecon.toFixed(4),
      m.valKl.toFixed(3),
      m.seconds.toFixed(1),
    ]),
  )
}

export function runsTable(runs: RunSummary[]): string {
  if (runs.length === 0) return 'no runs yet: start one with `seqvae train`'
  return textTable(
    ['id', 'name', 'status', 'epochs', 'val_loss', 'best', 'engine', 'created'],
    runs.map((r) => [
      String(r.id),
      r.name,
      r.status,
      `${r.epochsDone}/${r.epochs}`,
      r.last ? r.last.valLoss.toFixed(4) : '-',
      r.best ? `${r.best.valLoss.toFixed(4)} @${r.best.epoch}` : '-',
      r.engine ? `${r.engine}/${r.backend}` : '-',
      r.createdAt.replace('T', ' ').slice(0, 19),
    ]),
  )
}
