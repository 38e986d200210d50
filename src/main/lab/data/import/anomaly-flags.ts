import { isMissing, type Cell } from './tables/table-cells'

const NORMAL = /^(0|0\.0+|false|no|n|normal|ok|nominal)$/i
const ANOMALOUS = /^(1|1\.0+|true|yes|y|anomaly|anomalous|anomalies|abnormal|outlier|outliers?|fault|attack)$/i

/**
 * A recording's per-timestamp label: 1 (anomalous), 0 (normal), or undefined for a value that says
 * neither. A missing label is normal: files often mark only the anomalies.
 */
export function anomalyFlag(cell: Cell): 0 | 1 | undefined {
  if (isMissing(cell)) return 0
  const text = String(cell).trim()
  if (NORMAL.test(text)) return 0
  if (ANOMALOUS.test(text)) return 1
  return undefined
}
