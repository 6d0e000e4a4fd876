package io.tenfold.tenant.policy;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.tenfold.tenant.registry.RegistryEntity;

/** An access policy of a tenant; its links and rules live in {@code resource}. */
@Entity
@Table(name = "access_policies", schema = "tenant")
public class AccessPolicyEntity extends RegistryEntity {
}
