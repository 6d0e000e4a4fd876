-- Run by Flyway after every migration run (so also once the role exists, if it was created after the tables).
-- bulk-service streams exports from fhir.resources: its one read of another service's schema (docs/bulk-data.md).
-- Its role gets USAGE on this schema and SELECT on that table alone; row-level security still confines it to the
-- tenant its transaction names. The role is the placeholder export_reader (QUARKUS_FLYWAY_PLACEHOLDERS_EXPORT_READER).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${export_reader}') THEN
        EXECUTE format('GRANT USAGE ON SCHEMA fhir TO %I', '${export_reader}');
        EXECUTE format('GRANT SELECT ON fhir.resources TO %I', '${export_reader}');
    ELSE
        RAISE WARNING 'Role % does not exist: bulk-service cannot export until fhir-service restarts after it is created',
            '${export_reader}';
    END IF;
END $$;
