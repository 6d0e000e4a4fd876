package io.tenfold.tenant.invite;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.tenfold.tenant.registry.RegistryKey;

/** An invitation: a single-use ticket, stored only as its SHA-256, that lets an invited user set a password. */
@Entity
@Table(name = "invites", schema = "tenant")
@IdClass(RegistryKey.class)
public class InviteEntity extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    public String id;

    @Column(name = "user_id")
    public String userId;

    @Column(name = "ticket_digest")
    public String ticketDigest;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "created_at")
    public Instant createdAt;
}
