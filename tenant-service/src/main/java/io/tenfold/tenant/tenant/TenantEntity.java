package io.tenfold.tenant.tenant;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A tenant of the install: a clinic with its own FHIR API, authorization servers, portal and bulk API. */
@Entity
@Table(name = "tenants", schema = "tenant")
public class TenantEntity extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String id;

    public String name;

    /** {@code meta.versionId}: 1 on create, one more on every update. */
    public long version;

    /** Outbox sequence of the tenant's last state event: services report against it. */
    public long seq;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
