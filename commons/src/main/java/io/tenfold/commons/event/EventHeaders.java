package io.tenfold.commons.event;

/**
 * Kafka record headers every Tenfold event carries. They ride on tombstones too (which have no value), so a
 * consumer can order and de-duplicate every record by {@link #SEQ}: the producing service's outbox sequence,
 * increasing per key.
 */
public final class EventHeaders {

    public static final String SEQ = "tenfold-seq";
    public static final String EVENT_ID = "tenfold-event-id";
    public static final String TYPE = "tenfold-type";
    public static final String TENANT = "tenfold-tenant";

    private EventHeaders() {
    }
}
