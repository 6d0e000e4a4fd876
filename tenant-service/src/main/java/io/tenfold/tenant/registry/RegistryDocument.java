package io.tenfold.tenant.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A validated registry resource as an operator sent it. */
public interface RegistryDocument {

    Header header();

    /** The resource as stored and shown: normalized, defaults filled in, without secrets. */
    ObjectNode resource();

    default String id() {
        return header().id();
    }

    /** The tenant, or null for a global resource. */
    default String tenantId() {
        return header().tenantId();
    }
}
