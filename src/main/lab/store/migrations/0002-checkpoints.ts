/**
 * The process that owns a running run (so a restart can tell a dead owner at once, without waiting
 * for its heartbeat to go stale), resumable checkpoints (weights, Adam state, RNG and data-order position, saved with the epoch's
 * metrics in one transaction) and per-epoch statistics of the validation codes.
 */
export const up = `
ALTER TABLE runs ADD COLUMN owner_pid INTEGER;

CREATE TABLE checkpoints (
  run_id       INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  epoch        INTEGER NOT NULL,
  weights      BLOB NOT NULL,
  optimizer    BLOB NOT NULL,
  train_state  TEXT NOT NULL,
  created_at   TEXT NOT NULL
);

CREATE TABLE epoch_latent_stats (
  run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  epoch       INTEGER NOT NULL,
  stats_json  TEXT NOT NULL,
  PRIMARY KEY (run_id, epoch)
) WITHOUT ROWID;
`
