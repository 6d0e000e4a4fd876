package io.tenfold.fhir.bundle;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.tenfold.commons.error.InvalidRequestException;

/**
 * Where the next page starts: the sort key of the last entry served, opaque to clients ({@code _page=...}). Pages
 * are keyset pages, so writes made while a client pages never shift or repeat entries.
 */
public record PageCursor(List<String> values) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("\u001f", values).getBytes(StandardCharsets.UTF_8));
    }

    public long longAt(int index) {
        try {
            return Long.parseLong(values.get(index));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    public int intAt(int index) {
        try {
            return Integer.parseInt(values.get(index));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    public java.time.OffsetDateTime timeAt(int index) {
        try {
            return java.time.OffsetDateTime.parse(values.get(index));
        } catch (java.time.format.DateTimeParseException e) {
            throw invalid();
        }
    }

    /** The error of a page link this server did not make (or whose search was changed). */
    public static InvalidRequestException invalid() {
        return new InvalidRequestException("page-invalid", "_page is not a page link of this server", "_page");
    }

    public static PageCursor decode(String page, int size) {
        if (page == null || page.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(page), StandardCharsets.UTF_8);
            List<String> values = List.of(text.split("\u001f", -1));
            if (values.size() != size || text.indexOf('\u0000') >= 0) {
                throw new IllegalArgumentException();
            }
            return new PageCursor(values);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }
}
