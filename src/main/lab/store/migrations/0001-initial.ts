/** Runs, their per-epoch and sampled per-batch metrics, evaluation codes and final weights. */
export const up = `
CREATE TABLE runs (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  name          TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('queued','running','finished','failed','cancelled','crashed')),
  dataset       TEXT NOT NULL,
  config_json   TEXT NOT NULL,
  config_hash   TEXT NOT NULL,
  engine        TEXT,
  backend       TEXT,
  params        INTEGER,
  env_json      TEXT,
  notes         TEXT NOT NULL DEFAULT '',
  tags_json     TEXT NOT NULL DEFAULT '[]',
  error         TEXT,
  epochs_done   INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  started_at    TEXT,
  finished_at   TEXT,
  heartbeat_at  TEXT
);
CREATE INDEX runs_status ON runs(status);

CREATE TABLE epoch_metrics (
  run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  epoch      INTEGER NOT NULL,
  loss       REAL NOT NULL,
  recon      REAL NOT NULL,
  kl         REAL NOT NULL,
  val_loss   REAL NOT NULL,
  val_recon  REAL NOT NULL,
  val_kl     REAL NOT NULL,
  seconds    REAL NOT NULL,
  kl_weight  REAL NOT NULL,
  PRIMARY KEY (run_id, epoch)
) WITHOUT ROWID;

CREATE TABLE batch_metrics (
  run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step    INTEGER NOT NULL,
  epoch   INTEGER NOT NULL,
  loss    REAL NOT NULL,
  PRIMARY KEY (run_id, step)
) WITHOUT ROWID;

-- One row per run: the evaluation set's codes and errors as little-endian Float32/Int32 BLOBs.
CREATE TABLE latents (
  run_id     INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  count      INTEGER NOT NULL,
  dim        INTEGER NOT NULL,
  indices    BLOB NOT NULL,
  labels     BLOB NOT NULL,
  z_mean     BLOB NOT NULL,
  z_log_var  BLOB NOT NULL,
  recon_bce  BLOB NOT NULL,
  recon_mse  BLOB NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE final_weights (
  run_id     INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  weights    BLOB NOT NULL,
  created_at TEXT NOT NULL
);
`
