package io.tenfold.commons.registry;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A registry row that changed in this service's projection: {@code state} is the event payload (e.g. a
 * {@link io.tenfold.commons.event.ClientState} as JSON), null when the row was deleted.
 */
public record RegistryChange(String kind, String tenantId, String id, JsonNode state) {
}
