package io.tenfold.fhir.bundle;

import java.time.Instant;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Writes a Bundle's JSON around resources that are already JSON (as stored), without building a model of them: a
 * search page or a history costs one pass over the bodies.
 */
public final class BundleJson {

    private final StringBuilder json = new StringBuilder(4096);
    private int entries;
    private boolean entriesOpen;

    public BundleJson(String type, String id) {
        json.append("{\"resourceType\":\"Bundle\",\"id\":");
        string(id);
        json.append(",\"meta\":{\"lastUpdated\":");
        string(Instant.now().toString());
        json.append("},\"type\":");
        string(type);
    }

    public BundleJson total(long total) {
        json.append(",\"total\":").append(total);
        return this;
    }

    /** Adds the {@code link} array; call before the first entry. Null urls are left out. */
    public BundleJson links(String self, String next, String previous) {
        json.append(",\"link\":[");
        link("self", self, false);
        if (next != null) {
            link("next", next, true);
        }
        if (previous != null) {
            link("previous", previous, true);
        }
        json.append(']');
        return this;
    }

    private void link(String relation, String url, boolean comma) {
        if (comma) {
            json.append(',');
        }
        json.append("{\"relation\":");
        string(relation);
        json.append(",\"url\":");
        string(url);
        json.append('}');
    }

    /** Opens an entry; follow with its parts and {@link #endEntry()}. */
    public BundleJson entry(String fullUrl) {
        json.append(entriesOpen ? "," : ",\"entry\":[");
        entriesOpen = true;
        entries++;
        json.append('{');
        boolean any = false;
        if (fullUrl != null) {
            json.append("\"fullUrl\":");
            string(fullUrl);
            any = true;
        }
        first = !any;
        return this;
    }

    private boolean first;

    private void field(String name) {
        if (!first) {
            json.append(',');
        }
        first = false;
        json.append('"').append(name).append("\":");
    }

    /** The entry's resource, as JSON text. */
    public BundleJson resource(String resourceJson) {
        field("resource");
        json.append(resourceJson);
        return this;
    }

    /** {@code search.mode} ({@code match}, {@code include} or {@code outcome}). */
    public BundleJson searchMode(String mode) {
        field("search");
        json.append("{\"mode\":");
        string(mode);
        json.append('}');
        return this;
    }

    public BundleJson request(String method, String url) {
        field("request");
        json.append("{\"method\":");
        string(method);
        json.append(",\"url\":");
        string(url);
        json.append('}');
        return this;
    }

    /** {@code response} with a status line and, where known, location, etag and lastModified. */
    public BundleJson response(String status, String location, String etag, Instant lastModified, String outcome) {
        field("response");
        json.append("{\"status\":");
        string(status);
        if (location != null) {
            json.append(",\"location\":");
            string(location);
        }
        if (etag != null) {
            json.append(",\"etag\":");
            string(etag);
        }
        if (lastModified != null) {
            json.append(",\"lastModified\":");
            string(lastModified.toString());
        }
        if (outcome != null) {
            json.append(",\"outcome\":").append(outcome);
        }
        json.append('}');
        return this;
    }

    public BundleJson endEntry() {
        json.append('}');
        return this;
    }

    public int entries() {
        return entries;
    }

    public String build() {
        if (entriesOpen) {
            json.append(']');
            entriesOpen = false;
        }
        json.append('}');
        return json.toString();
    }

    private void string(String value) {
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, json);
        json.append('"');
    }
}
