/**
 * How each run's training ended (`run_stops`: the last epoch, whether early stopping ended it, the
 * best epoch and the epoch whose weights the run kept), and, beside the resumable checkpoint, the
 * best epoch's weights of a run that restores them at its end, so a resumed run restores the same.
 */
export const up = `
CREATE TABLE run_stops (
  run_id         INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  epoch          INTEGER NOT NULL,
  reason         TEXT NOT NULL CHECK (reason IN ('epochs','early-stopping')),
  best_epoch     INTEGER,
  best_val_loss  REAL,
  weights_epoch  INTEGER NOT NULL
);

ALTER TABLE checkpoints ADD COLUMN best_epoch INTEGER;
ALTER TABLE checkpoints ADD COLUMN best_weights BLOB;
`
