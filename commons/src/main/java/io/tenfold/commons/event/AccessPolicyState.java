package io.tenfold.commons.event;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Payload of {@code access-policy.state.v1} on {@link Topics#ACCESS_POLICIES}.
 *
 * @param engine {@code allow}: whatever the granted scopes permit; {@code rules}: only what the rules allow on
 *        top of the scopes, a {@code Deny} rule winning over any {@code Allow}
 * @param links the clients and users the policy applies to
 */
@RegisterForReflection
public record AccessPolicyState(String id, String tenantId, String engine, List<Link> links, List<Rule> rules,
        long version) {

    public static final String TYPE = "access-policy.state.v1";

    /** A client or user the policy is linked to. */
    @RegisterForReflection
    public record Link(String resourceType, String id) {
    }

    /**
     * One rule: on these resource types (or {@code *}), these actions ({@code read search create update delete
     * export} or {@code *}) are allowed or denied.
     */
    @RegisterForReflection
    public record Rule(List<String> resource, List<String> action, String effect) {
    }
}
