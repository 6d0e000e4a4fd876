package io.tenfold.fhir.search.index;

import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.StringType;

import io.tenfold.fhir.search.StringNormalizer;

/**
 * String rows: primitives as they are; HumanName as family, each given, prefix, suffix and text;
 * Address as each line, city, district, state, postalCode, country and text. Each part is its
 * own row with the {@link StringNormalizer normalised} and the exact value.
 */
final class StringValues {

    private StringValues() {
    }

    static void add(String param, Base value, IndexRowsBuilder out) {
        if (value instanceof HumanName name) {
            add(param, name.getFamily(), out);
            name.getGiven().forEach(s -> add(param, s, out));
            name.getPrefix().forEach(s -> add(param, s, out));
            name.getSuffix().forEach(s -> add(param, s, out));
            add(param, name.getText(), out);
        } else if (value instanceof Address address) {
            address.getLine().forEach(s -> add(param, s, out));
            add(param, address.getCity(), out);
            add(param, address.getDistrict(), out);
            add(param, address.getState(), out);
            add(param, address.getPostalCode(), out);
            add(param, address.getCountry(), out);
            add(param, address.getText(), out);
        } else if (value instanceof IPrimitiveType<?> primitive) {
            add(param, primitive.getValueAsString(), out);
        }
    }

    private static void add(String param, StringType value, IndexRowsBuilder out) {
        add(param, value.getValue(), out);
    }

    private static void add(String param, String value, IndexRowsBuilder out) {
        if (value != null && !value.isBlank()) {
            out.string(param, StringNormalizer.normalize(value), value);
        }
    }
}
