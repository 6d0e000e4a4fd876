package io.tenfold.bulk.export;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A kick-off as the client asked for it: which level ({@code system}, {@code patient}, {@code group} with its
 * id), the resource types ({@code _type}; null for every type the client may export), {@code _since}, for a
 * patient or group export the {@code patient} parameter, and {@code _elements} ({@code name} or
 * {@code Type.name}); null when absent.
 */
public record ExportRequest(Kind kind, String groupId, List<String> types, OffsetDateTime since,
        List<String> patients, List<String> elements, String requestUrl) {

    /** The three kick-off endpoints of Bulk Data Access. */
    public enum Kind {
        SYSTEM("system"), PATIENT("patient"), GROUP("group");

        private final String column;

        Kind(String column) {
            this.column = column;
        }

        /** The value of {@code export_jobs.kind}. */
        public String column() {
            return column;
        }

        public static Kind ofColumn(String value) {
            for (Kind kind : values()) {
                if (kind.column.equals(value)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown export kind " + value);
        }
    }

    public ExportRequest {
        types = types == null ? null : List.copyOf(types);
        patients = patients == null ? null : List.copyOf(patients);
        elements = elements == null ? null : List.copyOf(elements);
    }
}
