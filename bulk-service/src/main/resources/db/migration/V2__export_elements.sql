-- _elements of an export (name or Type.name); NULL: whole resources.
ALTER TABLE export_jobs ADD COLUMN elements text[];
