-- FHIR storage: current resources, every version, the search indexes extracted at write time, and the
-- Patient compartment. Every table is hash-partitioned by tenant_id (tenant_id first in every key, so the
-- same schema distributes on Citus) and guarded by row-level security.

-- The paging order of searches: assigned when a resource is created and never changed, so a page cursor stays
-- valid while others write.
CREATE SEQUENCE resource_seq CACHE 64;

-- The current version of every resource (deleted ones keep their row, body NULL, until purged).
CREATE TABLE resources (
    tenant_id     text        NOT NULL,
    res_type      text        NOT NULL,
    id            text        NOT NULL,
    seq           bigint      NOT NULL,
    version       integer     NOT NULL,
    last_updated  timestamptz NOT NULL,
    deleted       boolean     NOT NULL,
    body          jsonb,
    -- ids of the Patients whose compartment holds this resource
    compartments  text[]      NOT NULL,
    PRIMARY KEY (tenant_id, res_type, id)
) PARTITION BY HASH (tenant_id);
CREATE INDEX resources_by_seq ON resources (tenant_id, res_type, seq);
CREATE INDEX resources_by_last_updated ON resources (tenant_id, res_type, last_updated);

-- Every version, the current one included (vread, history).
CREATE TABLE resource_versions (
    tenant_id     text        NOT NULL,
    res_type      text        NOT NULL,
    id            text        NOT NULL,
    version       integer     NOT NULL,
    last_updated  timestamptz NOT NULL,
    deleted       boolean     NOT NULL,
    method        text        NOT NULL CHECK (method IN ('POST', 'PUT', 'PATCH', 'DELETE')),
    body          jsonb,
    compartments  text[]      NOT NULL,
    PRIMARY KEY (tenant_id, res_type, id, version)
) PARTITION BY HASH (tenant_id);
CREATE INDEX resource_versions_by_time ON resource_versions (tenant_id, last_updated);
CREATE INDEX resource_versions_by_type_time ON resource_versions (tenant_id, res_type, last_updated);

-- Patient compartment membership, one row per (patient, resource).
CREATE TABLE compartment_members (
    tenant_id   text NOT NULL,
    patient_id  text NOT NULL,
    res_type    text NOT NULL,
    res_id      text NOT NULL,
    PRIMARY KEY (tenant_id, patient_id, res_type, res_id)
) PARTITION BY HASH (tenant_id);
CREATE INDEX compartment_members_by_resource ON compartment_members (tenant_id, res_type, res_id);

-- Search indexes, one table per parameter type. Texts compare byte-wise (COLLATE "C") so that prefix searches
-- are index range scans.
CREATE TABLE search_token (
    tenant_id  text NOT NULL,
    res_type   text NOT NULL,
    res_id     text NOT NULL,
    param      text NOT NULL,
    system     text COLLATE "C",
    code       text COLLATE "C",
    display    text COLLATE "C"
) PARTITION BY HASH (tenant_id);
CREATE INDEX search_token_by_code ON search_token (tenant_id, res_type, param, code, system);
CREATE INDEX search_token_by_resource ON search_token (tenant_id, res_type, res_id);

CREATE TABLE search_string (
    tenant_id  text NOT NULL,
    res_type   text NOT NULL,
    res_id     text NOT NULL,
    param      text NOT NULL,
    normalized text COLLATE "C" NOT NULL,
    exact      text COLLATE "C" NOT NULL
) PARTITION BY HASH (tenant_id);
CREATE INDEX search_string_by_value ON search_string (tenant_id, res_type, param, normalized);
CREATE INDEX search_string_by_resource ON search_string (tenant_id, res_type, res_id);

CREATE TABLE search_reference (
    tenant_id    text NOT NULL,
    res_type     text NOT NULL,
    res_id       text NOT NULL,
    param        text NOT NULL,
    target_type  text,
    target_id    text,
    url          text COLLATE "C"
) PARTITION BY HASH (tenant_id);
CREATE INDEX search_reference_by_target ON search_reference (tenant_id, target_id, target_type, res_type, param);
CREATE INDEX search_reference_by_url ON search_reference (tenant_id, url) WHERE url IS NOT NULL;
CREATE INDEX search_reference_by_resource ON search_reference (tenant_id, res_type, res_id);

-- Date ranges: low inclusive, high exclusive; open ends are -infinity / infinity.
CREATE TABLE search_date (
    tenant_id  text        NOT NULL,
    res_type   text        NOT NULL,
    res_id     text        NOT NULL,
    param      text        NOT NULL,
    low        timestamptz NOT NULL,
    high       timestamptz NOT NULL
) PARTITION BY HASH (tenant_id);
CREATE INDEX search_date_by_value ON search_date (tenant_id, res_type, param, low, high);
CREATE INDEX search_date_by_resource ON search_date (tenant_id, res_type, res_id);

CREATE TABLE search_number (
    tenant_id  text    NOT NULL,
    res_type   text    NOT NULL,
    res_id     text    NOT NULL,
    param      text    NOT NULL,
    value      numeric NOT NULL
) PARTITION BY HASH (tenant_id);
CREATE INDEX search_number_by_value ON search_number (tenant_id, res_type, param, value);
CREATE INDEX search_number_by_resource ON search_number (tenant_id, res_type, res_id);

CREATE TABLE search_quantity (
    tenant_id  text    NOT NULL,
    res_type   text    NOT NULL,
    res_id     text    NOT NULL,
    param      text    NOT NULL,
    system     text COLLATE "C",
    code       text COLLATE "C",
    value      numeric NOT NULL
) PARTITION BY HASH (tenant_id);
CREATE INDEX search_quantity_by_value ON search_quantity (tenant_id, res_type, param, code, value);
CREATE INDEX search_quantity_by_resource ON search_quantity (tenant_id, res_type, res_id);

CREATE TABLE search_uri (
    tenant_id  text NOT NULL,
    res_type   text NOT NULL,
    res_id     text NOT NULL,
    param      text NOT NULL,
    value      text COLLATE "C" NOT NULL
) PARTITION BY HASH (tenant_id);
CREATE INDEX search_uri_by_value ON search_uri (tenant_id, res_type, param, value);
CREATE INDEX search_uri_by_resource ON search_uri (tenant_id, res_type, res_id);

-- 16 hash partitions per table, and the row-level security wall.
DO $$
DECLARE
    t text;
    i int;
BEGIN
    FOREACH t IN ARRAY ARRAY['resources', 'resource_versions', 'compartment_members', 'search_token',
                             'search_string', 'search_reference', 'search_date', 'search_number',
                             'search_quantity', 'search_uri'] LOOP
        FOR i IN 0..15 LOOP
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
                           t || '_p' || i, t, i);
            -- no policy on a partition: reached directly rather than through its parent, it yields nothing
            EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t || '_p' || i);
            EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t || '_p' || i);
        END LOOP;
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_allowed(tenant_id))', t);
    END LOOP;
END $$;
