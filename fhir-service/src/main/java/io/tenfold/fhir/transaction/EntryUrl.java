package io.tenfold.fhir.transaction;

import java.util.function.Predicate;

import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.fhir.parse.ResourceParser;

/**
 * The {@code request.url} of a batch or transaction entry, relative to the FHIR base: {@code Type},
 * {@code Type/id}, {@code Type/id/_history/vid}, or {@code Type?query} (a conditional write, or a search).
 * An absolute URL is accepted only under the base the Bundle was posted to.
 */
public record EntryUrl(String type, String id, String version, String query) {

    /** {@code Type?query}: a conditional update, patch or delete, or (for GET) a search. */
    public boolean conditional() {
        return query != null;
    }

    /** {@code Type} alone: where a create goes. */
    public boolean typeOnly() {
        return id == null && query == null;
    }

    public boolean instance() {
        return id != null && version == null;
    }

    public static EntryUrl parse(String url, String base, Predicate<String> isResourceType) {
        String u = url.trim();
        String own = base.endsWith("/") ? base : base + "/";
        if (u.startsWith(own)) {
            u = u.substring(own.length());
        } else if (u.indexOf("://") >= 0 && (u.indexOf('?') < 0 || u.indexOf("://") < u.indexOf('?'))) {
            throw new InvalidRequestException("entry-url-foreign",
                    "request.url '" + abbreviate(u) + "' is not relative to this server's base " + base, "request.url");
        }
        while (u.startsWith("/")) {
            u = u.substring(1);
        }
        String query = null;
        int q = u.indexOf('?');
        if (q >= 0) {
            query = u.substring(q + 1);
            u = u.substring(0, q);
        }
        String[] parts = u.split("/", -1);
        String type = parts[0];
        if (!isResourceType.test(type)) {
            throw new InvalidRequestException("entry-url-invalid", "request.url '" + abbreviate(url)
                    + "' does not start with an R4 resource type", "request.url");
        }
        if (parts.length == 1) {
            return new EntryUrl(type, null, null, query);
        }
        if (query != null) {
            throw new InvalidRequestException("entry-url-invalid", "request.url '" + abbreviate(url)
                    + "': only a type takes a query here", "request.url");
        }
        if (!ResourceParser.isValidId(parts[1])) {
            throw new InvalidRequestException("entry-url-invalid", "request.url '" + abbreviate(url)
                    + "' has no valid resource id", "request.url");
        }
        if (parts.length == 2) {
            return new EntryUrl(type, parts[1], null, null);
        }
        if (parts.length == 4 && parts[2].equals("_history") && ResourceParser.isValidId(parts[3])) {
            return new EntryUrl(type, parts[1], parts[3], null);
        }
        throw new InvalidRequestException("entry-url-unsupported", "request.url '" + abbreviate(url)
                + "' is not Type, Type/id, Type/id/_history/vid or Type?query", "request.url");
    }

    static String abbreviate(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "..." : value;
    }
}
