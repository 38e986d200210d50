/**
 * Datasets cut from one recording (`series`) and wide tables (`wide`): the `format` check of
 * `datasets` admits them (SQLite cannot alter a CHECK, so both dataset tables are rebuilt, keeping
 * every row: `dataset_chunks` refers to `datasets`, and a renamed table takes such references
 * along), and `dataset_recordings` keeps what windows are cut from: each timestamp's time, the
 * per-timestamp labels, the window and stride, and where the pool and the evaluation span lie.
 * A recording's values (normalised, [timestamps, features]) are its `dataset_chunks`.
 */
export const up = `
ALTER TABLE dataset_chunks RENAME TO dataset_chunks_0003;
ALTER TABLE datasets RENAME TO datasets_0003;

CREATE TABLE datasets (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  name                TEXT NOT NULL UNIQUE,
  title               TEXT NOT NULL,
  format              TEXT NOT NULL CHECK (format IN ('ucr','long-csv','npy','wide','series')),
  count               INTEGER NOT NULL CHECK (count > 0),
  steps               INTEGER NOT NULL CHECK (steps > 0),
  features            INTEGER NOT NULL CHECK (features > 0),
  feature_names_json  TEXT NOT NULL,
  class_names_json    TEXT,
  labels              BLOB,
  lengths             BLOB NOT NULL,
  min_length          INTEGER NOT NULL,
  max_length          INTEGER NOT NULL,
  normalisation_json  TEXT NOT NULL,
  test_indices        BLOB NOT NULL,
  chunk_series        INTEGER NOT NULL CHECK (chunk_series > 0),
  preview_count       INTEGER NOT NULL,
  preview             BLOB NOT NULL,
  source_file         TEXT NOT NULL,
  source_sha256       TEXT NOT NULL,
  source_bytes        INTEGER NOT NULL,
  source_rows         INTEGER NOT NULL,
  labels_file         TEXT,
  labels_sha256       TEXT,
  created_at          TEXT NOT NULL
);
INSERT INTO datasets SELECT * FROM datasets_0003;

CREATE TABLE dataset_chunks (
  dataset_id  INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  chunk       INTEGER NOT NULL,
  data        BLOB NOT NULL,
  PRIMARY KEY (dataset_id, chunk)
);
INSERT INTO dataset_chunks SELECT * FROM dataset_chunks_0003;
DROP TABLE dataset_chunks_0003;
DROP TABLE datasets_0003;

CREATE TABLE dataset_recordings (
  dataset_id    INTEGER PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE,
  time_format   TEXT NOT NULL CHECK (time_format IN ('iso','yyyymmdd','epoch-s','epoch-ms','number')),
  times         BLOB NOT NULL,
  labels        BLOB,
  window_size   INTEGER NOT NULL CHECK (window_size > 1),
  window_stride INTEGER NOT NULL CHECK (window_stride > 0),
  pool_from     INTEGER NOT NULL,
  pool_to       INTEGER NOT NULL,
  test_from     INTEGER NOT NULL,
  test_to       INTEGER NOT NULL,
  read_json     TEXT NOT NULL
);
`
