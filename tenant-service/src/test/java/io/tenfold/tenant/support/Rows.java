package io.tenfold.tenant.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.TopicProbe;

/** What a request left in the database and on Kafka, read as the administrator and as any consumer would. */
public final class Rows {

    private Rows() {
    }

    /** The first column of the first row of a query, as text (null if no row). */
    public static String text(String sql, Object... params) {
        try (Connection conn = Db.admin(); PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void update(String sql, Object... params) {
        try (Connection conn = Db.admin(); PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No row of the resource {@code id} in {@code table}, and no event for it waiting in the outbox. */
    public static void assertNoRow(String table, String id) {
        assertEquals(0, Db.count("SELECT count(*) FROM tenant." + table + " WHERE id = ?", id), "row in " + table);
        assertEquals(0, Db.count("SELECT count(*) FROM tenant.outbox WHERE record_key LIKE ?", "%/" + id),
                "event in the outbox");
    }

    /**
     * No event of the resource {@code id} ever reached {@code topic}. Reading a topic takes a while, so bad-input
     * tests check it once, after all their cases (an event published by any case would still be there).
     */
    public static void assertNoEvent(String topic, String id) {
        assertEquals(0, TopicProbe.messages(topic, m -> m.key() != null && m.key().endsWith("/" + id)).size(),
                "event on " + topic);
    }
}
