-- A reconciliation run can be started without waiting for it (POST /api/v1/reconciliation/jobs/{job}/runs) and is
-- watched while it runs: to_check is the number of items its check goes through (known once the check has listed
-- them), progress_at the last time its progress was written (its sign of life: a run whose process died stops
-- writing it, and is then marked ABANDONED).
-- running_job holds the job's name while the run is RUNNING and is cleared when it ends: its unique index lets only
-- one run of a job be RUNNING at a time, across replicas (NULLs do not collide, on H2 as on PostgreSQL).
ALTER TABLE reconciliation_runs ADD COLUMN to_check INTEGER;
ALTER TABLE reconciliation_runs ADD COLUMN progress_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE reconciliation_runs ADD COLUMN running_job VARCHAR(48);
-- runs left RUNNING by an earlier version (which could only end a run in the same process) are over
UPDATE reconciliation_runs SET status = 'ABANDONED', finished_at = CURRENT_TIMESTAMP,
    error_message = 'the process running it stopped before it finished'
    WHERE status = 'RUNNING';
CREATE UNIQUE INDEX ux_reconciliation_runs_running_job ON reconciliation_runs (running_job);
