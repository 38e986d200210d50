/**
 * The latent space over training: z_mean of a fixed subset of the validation set after every
 * epoch, written in the epoch's own transaction. The subset (its validation-set positions and
 * labels) is stored once per run; each epoch stores only its codes. A database from before this
 * has no snapshots for its runs, which the UI shows by hiding the epoch slider.
 */
export const up = `
CREATE TABLE latent_snapshot_subsets (
  run_id     INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  count      INTEGER NOT NULL CHECK (count > 0),
  dim        INTEGER NOT NULL CHECK (dim > 0),
  positions  BLOB NOT NULL,
  labels     BLOB NOT NULL
);

CREATE TABLE epoch_latent_snapshots (
  run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  epoch   INTEGER NOT NULL,
  z_mean  BLOB NOT NULL,
  PRIMARY KEY (run_id, epoch)
);
`
