package io.tenfold.tenant.client;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.tenfold.tenant.registry.RegistryEntity;

/** A registered client: a SMART app or backend service of a tenant, or a global operator client. */
@Entity
@Table(name = "clients", schema = "tenant")
public class ClientEntity extends RegistryEntity {

    /** argon2id PHC string of the client secret; null for public and key-based clients. */
    @Column(name = "secret_hash")
    public String secretHash;
}
