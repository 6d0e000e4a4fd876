package io.tenfold.tenant.registry;

import java.util.OptionalLong;

import io.tenfold.commons.error.InvalidRequestException;

/** {@code If-Match} over {@code meta.versionId}: the ETag is {@code W/"3"}. */
public final class ETags {

    private ETags() {
    }

    /** The version an {@code If-Match} header asks for; empty when there is none or it is {@code *}. */
    public static OptionalLong parseIfMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return OptionalLong.empty();
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("if-match-invalid", "If-Match must be an ETag such as W/\"1\"");
        }
    }
}
