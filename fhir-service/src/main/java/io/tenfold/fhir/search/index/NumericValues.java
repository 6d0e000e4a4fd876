package io.tenfold.fhir.search.index;

import java.math.BigDecimal;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Quantity;

import io.tenfold.fhir.search.NearSearch;

/**
 * Number rows (decimal, integer, positiveInt, unsignedInt) and quantity rows: Quantity and its
 * profiles (Age, Duration, …) as {@code system, code} (the unit when code is missing) and value;
 * Money as ISO 4217 currency. Range and SampledData give no row. A Location's position (for {@code near}) is its
 * latitude and longitude, one group.
 */
final class NumericValues {

    static final String CURRENCY_SYSTEM = "urn:iso:std:iso:4217";

    private NumericValues() {
    }

    static void addNumber(String param, Base value, IndexRowsBuilder out) {
        if (value instanceof DecimalType decimal) {
            out.number(param, decimal.getValue());
        } else if (value instanceof IntegerType integer && integer.getValue() != null) {
            out.number(param, BigDecimal.valueOf(integer.getValue()));
        }
    }

    static void addPosition(String param, Base value, IndexRowsBuilder out) {
        if (value instanceof Location.LocationPositionComponent position && position.hasLatitude()
                && position.hasLongitude()) {
            out.group();
            out.number(NearSearch.latitude(param), position.getLatitude());
            out.number(NearSearch.longitude(param), position.getLongitude());
            out.endGroup();
        }
    }

    static void addQuantity(String param, Base value, IndexRowsBuilder out) {
        if (value instanceof Quantity quantity) {
            String code = quantity.getCode() != null ? quantity.getCode() : quantity.getUnit();
            out.quantity(param, quantity.getSystem(), code, quantity.getValue());
        } else if (value instanceof Money money) {
            out.quantity(param, CURRENCY_SYSTEM, money.getCurrency(), money.getValue());
        }
    }
}
