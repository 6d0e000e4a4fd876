-- Bulk Data export jobs and their NDJSON files. Files live here, in chunks of about a megabyte, so that any
-- replica serves any file, a tenant's purge deletes them with its rows, and row-level security guards them.

CREATE TABLE export_jobs (
    tenant_id         text        NOT NULL,
    id                uuid        NOT NULL,
    client_id         text        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('system', 'patient', 'group')),
    group_id          text,
    -- the patients whose compartments a group export (or a kick-off's patient parameter) reaches; NULL: all
    patients          text[],
    types             text[]      NOT NULL,
    since             timestamptz,
    request_url       text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('accepted', 'in-progress', 'completed', 'failed')),
    progress          text,
    error             text,
    transaction_time  timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    heartbeat_at      timestamptz,
    expires_at        timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX export_jobs_unfinished ON export_jobs (tenant_id, client_id) WHERE status IN ('accepted', 'in-progress');
CREATE INDEX export_jobs_expiry ON export_jobs (expires_at);

CREATE TABLE export_files (
    tenant_id       text    NOT NULL,
    job_id          uuid    NOT NULL,
    file_no         integer NOT NULL,
    res_type        text    NOT NULL,
    resource_count  bigint  NOT NULL,
    chunk_count     integer NOT NULL,
    PRIMARY KEY (tenant_id, job_id, file_no),
    FOREIGN KEY (tenant_id, job_id) REFERENCES export_jobs ON DELETE CASCADE
);

CREATE TABLE export_chunks (
    tenant_id  text    NOT NULL,
    job_id     uuid    NOT NULL,
    file_no    integer NOT NULL,
    chunk_no   integer NOT NULL,
    data       bytea   NOT NULL,
    PRIMARY KEY (tenant_id, job_id, file_no, chunk_no),
    FOREIGN KEY (tenant_id, job_id) REFERENCES export_jobs ON DELETE CASCADE
) PARTITION BY HASH (tenant_id);

DO $$
DECLARE
    i int;
BEGIN
    FOR i IN 0..15 LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF export_chunks FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
                       'export_chunks_p' || i, i);
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', 'export_chunks_p' || i);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', 'export_chunks_p' || i);
    END LOOP;
END $$;

ALTER TABLE export_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE export_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON export_jobs USING (tenant_allowed(tenant_id));
ALTER TABLE export_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE export_files FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON export_files USING (tenant_allowed(tenant_id));
ALTER TABLE export_chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE export_chunks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON export_chunks USING (tenant_allowed(tenant_id));
