package io.tenfold.tenant.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import io.tenfold.tenant.registry.Element;

/**
 * URLs a client registers: absolute, without a fragment, {@code https} (or {@code http} only for {@code localhost}
 * and loopback addresses, for development), as SMART App Launch and RFC 8252 ask.
 */
final class ClientUris {

    private static final int MAX = 2000;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private ClientUris() {
    }

    /** A redirect or launch URI: https, or http on localhost. */
    static String web(Element element, String code) {
        return check(element, code, true);
    }

    /** A URL that must be https ({@code jwks_uri}). */
    static String https(Element element, String code) {
        return check(element, code, false);
    }

    private static String check(Element element, String code, boolean localHttp) {
        String value = element.text(MAX);
        if (value == null) {
            return null;
        }
        String rule = localHttp ? " must be an absolute https URL (http only for localhost) without a fragment"
                : " must be an absolute https URL without a fragment";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw element.invalid(code, element.path() + rule);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean allowed = scheme.equals("https") || localHttp && scheme.equals("http") && LOOPBACK.contains(host);
        if (!uri.isAbsolute() || host.isEmpty() || uri.getRawFragment() != null || value.contains("#")
                || uri.getRawUserInfo() != null || !allowed) {
            throw element.invalid(code, element.path() + rule);
        }
        return value;
    }
}
