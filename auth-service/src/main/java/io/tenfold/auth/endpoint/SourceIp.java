package io.tenfold.auth.endpoint;

import io.vertx.core.http.HttpServerRequest;

/** The caller's address for the audit log: the first hop of X-Forwarded-For (set by the router or ingress). */
final class SourceIp {

    private SourceIp() {
    }

    static String of(HttpServerRequest request) {
        if (request == null) {
            return null;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String first = forwarded.split(",")[0].trim();
            return first.length() > 64 ? first.substring(0, 64) : first;
        }
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
