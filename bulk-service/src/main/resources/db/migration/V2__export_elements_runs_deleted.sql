-- _elements of an export (name or Type.name); NULL: whole resources.
ALTER TABLE export_jobs ADD COLUMN elements text[];
-- The run that holds the job: a runner whose job was taken over (it fell silent) finds it no longer its own.
ALTER TABLE export_jobs ADD COLUMN run_id uuid;
-- A file holds current resources ('output') or, for a _since export, Bundles deleting what was deleted since.
ALTER TABLE export_files ADD COLUMN section text NOT NULL DEFAULT 'output' CHECK (section IN ('output', 'deleted'));
