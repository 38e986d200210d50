import type { ProgressInfo } from '../../shared/api'

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?'
  const s = Math.round(seconds)
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

const count = (n: number) => Math.round(n).toLocaleString('en-US')

/** `=====>      `: a fraction from 0 to 1 as a bar of `width` characters. */
function barOf(fraction: number, width: number): string {
  const filled = Math.round(fraction * width)
  return '='.repeat(Math.max(0, filled - 1)) + (filled > 0 ? (filled === width ? '=' : '>') : '') + ' '.repeat(width - filled)
}

/** `[=====>      ]  42%`: a fraction from 0 to 1 as a bar and a whole percentage. */
export function fractionBar(fraction: number, width = 24): string {
  return `[${barOf(fraction, width)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`
}

/** One line: `epoch 2/35 [=====>     ]  12,000/54,000  loss 0.2345  1,234 samples/s  ETA 1m23s`. */
export function progressLine(p: ProgressInfo, width = 24): string {
  const fraction = p.samplesTotal > 0 ? p.samplesDone / p.samplesTotal : 0
  return (
    `epoch ${p.epoch}/${p.epochs} [${barOf(fraction, width)}] ${count(p.samplesDone)}/${count(p.samplesTotal)}` +
    `  loss ${p.loss.toFixed(4)}  ${count(p.samplesPerSecond)} samples/s  ETA ${formatDuration(p.etaSeconds)}`
  )
}

/** Redraws one line in place on a terminal. */
export class TerminalProgress {
  private drawn = false
  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(line: string): void {
    const columns = this.stream.columns ?? 120
    this.stream.write(`\r${line.slice(0, columns - 1).padEnd(Math.min(columns - 1, line.length))}\x1b[K`)
    this.drawn = true
  }

  /** Ends the in-place line so ordinary output continues below it. */
  done(): void {
    if (this.drawn) this.stream.write('\n')
    this.drawn = false
  }
}
