package io.tenfold.auth.grant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenfold.auth.token.AccessTokens;

/** The body of a successful token response (RFC 6749 §5.1, SMART App Launch §token response). */
public final class TokenResponses {

    private TokenResponses() {
    }

    public static ObjectNode bearer(AccessTokens.Issued token, String scope) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("access_token", token.value());
        body.put("token_type", "Bearer");
        body.put("expires_in", token.expiresIn());
        body.put("scope", scope);
        return body;
    }
}
