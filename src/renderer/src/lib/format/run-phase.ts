import type { RunPhase } from '../../../../shared/api'
import { formatCount } from './number-format'

/** What a run is doing outside its epochs, in words, with how far it is (0…1) where that is known. */
export function describePhase(phase: RunPhase): { text: string; fraction: number | null } {
  if (phase.phase === 'loading-data') return { text: 'Loading the data…', fraction: null }
  return {
    text: `Evaluating the test set: ${formatCount(phase.done)} / ${formatCount(phase.total)} sequences`,
    fraction: phase.total > 0 ? phase.done / phase.total : 1,
  }
}
