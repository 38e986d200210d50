/**
 * Imported datasets: the series after resampling and normalisation as little-endian Float32 BLOBs,
 * in chunks of whole series (SQLite caps one BLOB at about 1 GB), with what is needed to use them
 * (shape, classes, the normalisation to map values back to the file's units, the held-out test
 * series), a preview for quick display, and provenance (file, SHA-256, size, rows read, when).
 */
export const up = `
CREATE TABLE datasets (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  name                TEXT NOT NULL UNIQUE,
  title               TEXT NOT NULL,
  format              TEXT NOT NULL CHECK (format IN ('ucr','long-csv','npy')),
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

CREATE TABLE dataset_chunks (
  dataset_id  INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  chunk       INTEGER NOT NULL,
  data        BLOB NOT NULL,
  PRIMARY KEY (dataset_id, chunk)
);
`
