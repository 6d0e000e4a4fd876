package io.tenfold.fhir.search.query;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/** The parameters of a statement being built: every value of the request travels as one, never as SQL text. */
final class SqlParams {

    private final List<Object> values = new ArrayList<>();
    private int aliases;

    /** Adds a value and yields its placeholder, {@code $n}. */
    String add(Object value) {
        values.add(value);
        return "$" + values.size();
    }

    /** A fresh table alias for a nested subquery. */
    String alias(String prefix) {
        return prefix + (++aliases);
    }

    Tuple tuple() {
        return Tuple.from(values);
    }

    SqlParams copy() {
        SqlParams copy = new SqlParams();
        copy.values.addAll(values);
        copy.aliases = aliases;
        return copy;
    }
}
