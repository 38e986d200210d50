/**
 * The test log-likelihood as a summary column of `runs`, so the runs table sorts and filters by
 * it: the IWAE estimate with the largest K stored for the run (`likelihood_evaluations`), kept by
 * triggers whenever an estimate is stored or dropped.
 */

/** The estimate with the largest K of the run `runIdSql` names, as (iwae, k). */
const LATEST = (runIdSql: string) => `(SELECT iwae, k FROM likelihood_evaluations e WHERE e.run_id = ${runIdSql} ORDER BY k DESC LIMIT 1)`

export const up = `
ALTER TABLE runs ADD COLUMN log_likelihood REAL;
ALTER TABLE runs ADD COLUMN log_likelihood_k INTEGER;
UPDATE runs SET (log_likelihood, log_likelihood_k) = ${LATEST('runs.id')};
CREATE INDEX runs_by_log_likelihood ON runs(log_likelihood);

CREATE TRIGGER runs_log_likelihood_on_insert AFTER INSERT ON likelihood_evaluations
BEGIN
  UPDATE runs SET (log_likelihood, log_likelihood_k) = ${LATEST('NEW.run_id')} WHERE id = NEW.run_id;
END;
CREATE TRIGGER runs_log_likelihood_on_delete AFTER DELETE ON likelihood_evaluations
BEGIN
  UPDATE runs SET (log_likelihood, log_likelihood_k) = ${LATEST('OLD.run_id')} WHERE id = OLD.run_id;
END;
`
