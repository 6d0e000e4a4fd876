package io.tenfold.tenant.invite;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenfold.tenant.registry.Element;
import io.tenfold.tenant.user.UserDocument;

/**
 * {@code POST /User/$invite}: {@code {email, tenant, fhirUser, roles, name?, sendEmail?}}. The user is created
 * without a password (so it cannot log in) and belongs to a tenant; the id is generated.
 */
public record InviteDocument(UserDocument user, boolean sendEmail) {

    private static final Set<String> ELEMENTS = Set.of("email", "tenant", "meta", "fhirUser", "roles", "name",
            "sendEmail");

    public static InviteDocument from(JsonNode body) {
        Element root = Element.root(body, "User").allowOnly(ELEMENTS);
        boolean sendEmail = root.get("sendEmail").bool(false);
        ObjectNode user = ((ObjectNode) body).deepCopy();
        user.remove("sendEmail");
        UserDocument doc = UserDocument.from(user, null);
        if (doc.tenantId() == null) {
            throw root.get("tenant").invalid("tenant-missing", "An invitation is for a user of a tenant: set tenant");
        }
        return new InviteDocument(doc, sendEmail);
    }
}
