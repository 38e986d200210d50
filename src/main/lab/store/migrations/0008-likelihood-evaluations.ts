/**
 * Test log-likelihood estimates of a run (analysis/likelihood), one per K: cached, since K = 1,000
 * on 10,000 samples decodes twenty million sequences. They belong to the codes and weights they
 * were computed from, so storing a run's evaluation codes again (a resumed run finishing anew)
 * drops them.
 */
export const up = `
CREATE TABLE likelihood_evaluations (
  run_id            INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  k                 INTEGER NOT NULL,
  replicates        INTEGER NOT NULL,
  seed              INTEGER NOT NULL,
  samples           INTEGER NOT NULL,
  values_per_seq    INTEGER NOT NULL,
  likelihood        TEXT NOT NULL,
  iwae              REAL NOT NULL,
  iwae_se           REAL NOT NULL,
  elbo              REAL NOT NULL,
  elbo_se           REAL NOT NULL,
  spread            REAL NOT NULL,
  seconds           REAL NOT NULL,
  created_at        TEXT NOT NULL,
  PRIMARY KEY (run_id, k)
) WITHOUT ROWID;

CREATE TRIGGER likelihood_evaluations_follow_latents AFTER INSERT ON latents
BEGIN
  DELETE FROM likelihood_evaluations WHERE run_id = NEW.run_id;
END;
`
