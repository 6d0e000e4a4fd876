package io.tenfold.tenant.invite;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.tenfold.tenant.registry.Element;
import io.tenfold.tenant.user.Passwords;

/** {@code POST /User/$accept-invite}: {@code {ticket, password}}. Its {@link #toString()} shows neither. */
public record AcceptDocument(String ticket, String password) {

    private static final Set<String> ELEMENTS = Set.of("ticket", "password");

    public static AcceptDocument from(JsonNode body) {
        Element root = Element.parameters(body).allowOnly(ELEMENTS);
        String ticket = root.get("ticket").requiredText(512);
        String password = Passwords.required(root.get("password"));
        return new AcceptDocument(ticket, password);
    }

    @Override
    public String toString() {
        return "AcceptDocument[***]";
    }
}
