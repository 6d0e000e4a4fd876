package io.tenfold.tenant.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.tenfold.tenant.registry.RegistryEntity;

/** A user: an operator (global), or a provider or patient of one tenant. */
@Entity
@Table(name = "users", schema = "tenant")
public class UserEntity extends RegistryEntity {

    /** As given; unique per tenant regardless of case. */
    public String email;

    /** argon2id PHC string; null until the user has a password (an invited user). */
    @Column(name = "password_hash")
    public String passwordHash;
}
