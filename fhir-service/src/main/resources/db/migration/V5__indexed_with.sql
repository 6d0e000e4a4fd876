-- Which version of the search indexing rules a resource's index rows follow (SearchIndexer.VERSION, written with
-- every version since). Resources stored before are 0: fhir-service's Reindexer indexes them again in the
-- background, so that parameters and row kinds added since (composites, :of-type, :identifier, near) find them too.
ALTER TABLE resources ADD COLUMN indexed_with integer NOT NULL DEFAULT 0;
