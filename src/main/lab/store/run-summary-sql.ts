import { createHash } from 'node:crypto'
import { readStoredConfig } from './stored-config'

/**
 * The summary columns of `runs` (migration 0006): a run's last epoch's metrics and its best
 * val_loss, copied from `epoch_metrics` whenever an epoch is recorded or dropped, so listing and
 * sorting runs reads one row per run; and `config_key`, equal for replicates.
 */

/** Recomputes the summary columns of the runs `whereSql` selects (a condition on `runs`). */
export function refreshSummariesSql(whereSql: string): string {
  return `UPDATE runs SET
    (last_epoch, last_loss, last_recon, last_kl, last_val_loss, last_val_recon, last_val_kl, last_seconds, last_kl_weight) =
      (SELECT epoch, loss, recon, kl, val_loss, val_recon, val_kl, seconds, kl_weight
         FROM epoch_metrics m WHERE m.run_id = runs.id ORDER BY epoch DESC LIMIT 1),
    (best_val_loss, best_epoch) =
      (SELECT val_loss, epoch FROM epoch_metrics m WHERE m.run_id = runs.id ORDER BY val_loss ASC, epoch ASC LIMIT 1)
    WHERE ${whereSql}`
}

/** Recomputes one run's summary columns (its id bound). */
export const REFRESH_RUN_SUMMARY = refreshSummariesSql('id = ?')

/** The SQL function migrations and the store call to fill `config_key` (registered on every connection that migrates). */
export const CONFIG_KEY_FUNCTION = 'seqvae_config_key'

/**
 * A key of the config as this version reads it (older configs take today's defaults), keys sorted,
 * without `seed`: runs that differ only in their seed — replicates — share it.
 */
export function configKey(configJson: string): string {
  const { seed: _seed, ...rest } = readStoredConfig(configJson).config as Record<string, unknown>
  const sorted = Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16)
}
