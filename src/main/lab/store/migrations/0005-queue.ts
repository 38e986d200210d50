/**
 * Runs sent to a training queue (`seqvae serve --queue`): the queue's job for the run, how far its
 * delivery has come, and the fence against stale senders. Workers number their records per
 * attempt (`generation`, then `applied_seq`); the hub stores the last one it applied in the same
 * transaction as what the record wrote, so a record delivered twice is recognised and skipped.
 * `state`: `pending` — the job is still to be added to the queue (it was unreachable, or the hub
 * stopped first); `sent` — it is on the queue and its records are read; `closed` — the run ended and
 * the queue holds nothing more of it.
 */
export const up = `
CREATE TABLE queue_runs (
  run_id       INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  job_id       TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('pending','sent','closed')),
  dispatches   INTEGER NOT NULL DEFAULT 1,
  generation   INTEGER NOT NULL DEFAULT 0,
  applied_seq  INTEGER NOT NULL DEFAULT -1
);
CREATE INDEX queue_runs_open ON queue_runs(state) WHERE state != 'closed';
`
