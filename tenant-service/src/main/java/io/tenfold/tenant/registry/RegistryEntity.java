package io.tenfold.tenant.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.MappedSuperclass;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * What every registry row has: its tenant ({@code _global} for global rows) and id, the resource as the operator
 * API shows it (without {@code meta.versionId}/{@code lastUpdated}, and never with a secret), its version and
 * times.
 */
@MappedSuperclass
@IdClass(RegistryKey.class)
public abstract class RegistryEntity extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    public String id;

    /**
     * The resource's JSON text, kept as written (a {@code json} column). It travels as text both ways: the
     * reactive client would otherwise bind a Java string to a json parameter as a JSON string literal.
     */
    @ColumnTransformer(read = "resource::text", write = "CAST(CAST(? AS text) AS json)")
    public String resource;

    /** {@code meta.versionId}: 1 on create, one more on every change. */
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
