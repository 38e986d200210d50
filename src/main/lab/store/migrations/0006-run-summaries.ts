import { fieldExpression } from '../run-query'
import { CONFIG_KEY_FUNCTION, refreshSummariesSql } from '../run-summary-sql'

/**
 * Runs at any count: each run's last and best metrics as columns of `runs` (kept by the store as
 * epochs are recorded), `config_key` for grouping replicates, and the indexes that let a page of
 * runs be read in any column's order without sorting the table. Existing runs are filled in place.
 */
const METRIC_COLUMNS = ['last_loss', 'last_recon', 'last_kl', 'last_val_loss', 'last_val_recon', 'last_val_kl', 'last_seconds', 'last_kl_weight', 'best_val_loss']

/** Columns the runs table sorts by; `id` needs none, the rowid is every index's tail. */
const SORTED_COLUMNS = ['best_val_loss', 'best_epoch', 'last_val_loss', 'last_loss', 'last_recon', 'last_kl', 'last_val_recon', 'last_val_kl', 'last_seconds', 'epochs_done', 'params', 'created_at']

/**
 * The config fields at this version, each indexed by the very expression the runs list sorts and
 * filters it by (`fieldExpression`). A field added later sorts without an index until a migration adds one.
 */
const CONFIG_FIELDS = ['dataset', 'cell', 'hiddenUnits', 'latentDim', 'bidirectional', 'likelihood', 'klWeight', 'klWarmupEpochs', 'batchSize', 'epochs', 'learningRate', 'seed', 'valFraction', 'trainLimit', 'valLimit', 'evalLimit', 'backend', 'engine']

export const up = `
ALTER TABLE runs ADD COLUMN last_epoch INTEGER;
${METRIC_COLUMNS.map((c) => `ALTER TABLE runs ADD COLUMN ${c} REAL;`).join('\n')}
ALTER TABLE runs ADD COLUMN best_epoch INTEGER;
ALTER TABLE runs ADD COLUMN config_key TEXT NOT NULL DEFAULT '';
${refreshSummariesSql('id IN (SELECT DISTINCT run_id FROM epoch_metrics)')};
UPDATE runs SET config_key = ${CONFIG_KEY_FUNCTION}(config_json);
${SORTED_COLUMNS.map((c) => `CREATE INDEX runs_by_${c} ON runs(${c});`).join('\n')}
CREATE INDEX runs_by_name ON runs(name COLLATE NOCASE);
CREATE INDEX runs_by_config_key ON runs(config_key);
${CONFIG_FIELDS.map((key) => `CREATE INDEX runs_by_config_${key} ON runs(${fieldExpression(key).sql});`).join('\n')}
`
