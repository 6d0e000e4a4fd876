package io.tenfold.tenant.client;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenfold.tenant.registry.Element;

/**
 * A client's registered JSON Web Key Set, {@code {keys: [...]}}: public keys only. A private or symmetric member
 * ({@code d}, {@code p}, {@code q}, {@code dp}, {@code dq}, {@code qi}, {@code oth}, {@code k}) is refused: such a
 * key must never leave the client. Each key must be one auth-service can verify assertions with ({@link PublicJwk}).
 */
final class Jwks {

    private static final Set<String> MEMBERS = Set.of("keys");
    private static final List<String> PRIVATE = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final int MAX_KEYS = 20;

    private Jwks() {
    }

    static ObjectNode read(Element element) {
        if (!element.isPresent()) {
            return null;
        }
        element.object().allowOnly(MEMBERS);
        List<Element> keys = element.get("keys").items();
        if (keys.isEmpty() || keys.size() > MAX_KEYS) {
            throw element.get("keys").invalid("jwks-invalid", element.path() + ".keys must list 1 to " + MAX_KEYS
                    + " public keys");
        }
        for (Element key : keys) {
            if (!key.isPresent() || !key.node().isObject()) {
                throw key.invalid("jwks-invalid", key.path() + " must be a JSON Web Key object");
            }
            key.get("kty").requiredText(16);
            for (String member : PRIVATE) {
                if (key.node().has(member)) {
                    throw key.get(member).invalid("jwks-private-key", key.path()
                            + " holds private key material (" + member + "); register public keys only");
                }
            }
            PublicJwk.check(key);
        }
        return (ObjectNode) element.node().deepCopy();
    }
}
