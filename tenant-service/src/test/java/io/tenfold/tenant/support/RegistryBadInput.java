package io.tenfold.tenant.support;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input test of one kind of registry resource: every case of the subclass's static {@code badBodies()}
 * ({@link BadInput}) is refused on {@code PUT} with its status, code and element, and writes nothing: no row and
 * no event in the outbox after each case, and no event on the topic after them all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class RegistryBadInput {

    private final String path;
    private final String table;
    private final String topic;
    private final String id;

    /**
     * @param path the kind's collection, e.g. {@code /Client}
     * @param id the id every case is about
     */
    protected RegistryBadInput(String path, String table, String topic, String id) {
        this.path = path;
        this.table = table;
        this.topic = topic;
        this.id = id;
    }

    /** The code a PUT gets where the URL's id makes the difference. */
    protected String putCode(String what, String code) {
        return code;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void putIsRefusedAndWritesNothing(String what, String type, String body, int status, String code,
            String expression) {
        BadInput.refused("PUT", path + "/" + id, type, body, status, putCode(what, code), expression);
        Rows.assertNoRow(table, id);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noCaseEverPublishedAnEvent() {
        Rows.assertNoEvent(topic, id);
    }
}
