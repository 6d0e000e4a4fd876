-- _elements of an export (name or Type.name); NULL: whole resources.
ALTER TABLE export_jobs ADD COLUMN elements text[];
-- The run that holds the job: a runner whose job was taken over (it fell silent) finds it no longer its own.
ALTER TABLE export_jobs ADD COLUMN run_id uuid;
