-- The planner never filters on a resource's JSON or its compartment list (searches use the index tables), but
-- ANALYZE sorted a sample of every body to describe it: half the time of analyzing the two largest tables, on
-- every statistics refresh and every autovacuum analyze of their partitions. Statistics target 0 skips them.
ALTER TABLE resources
    ALTER COLUMN body SET STATISTICS 0,
    ALTER COLUMN compartments SET STATISTICS 0;
ALTER TABLE resource_versions
    ALTER COLUMN body SET STATISTICS 0,
    ALTER COLUMN compartments SET STATISTICS 0;
