-- The resources whose index rows follow older indexing rules than SearchIndexer.VERSION (2): what the Reindexer
-- walks after an upgrade. A partial index holds only those, so finding them costs nothing once they are done, and
-- new versions (always written with the current rules) never enter it. A release that raises VERSION replaces this
-- index with one for its own number (ReindexerTest checks that they agree).
CREATE INDEX resources_stale_index ON resources (tenant_id, res_type, id) WHERE indexed_with < 2;
