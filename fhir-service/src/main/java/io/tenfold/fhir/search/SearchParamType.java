package io.tenfold.fhir.search;

import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;

/** The FHIR search parameter types (R4 {@code SearchParamType} value set). */
public enum SearchParamType {
    STRING, TOKEN, REFERENCE, DATE, NUMBER, QUANTITY, URI, COMPOSITE, SPECIAL;

    /** Maps HAPI's type; types R4 does not define for base parameters ({@code HAS}) become {@link #SPECIAL}. */
    public static SearchParamType of(RestSearchParameterTypeEnum hapi) {
        return switch (hapi) {
            case STRING -> STRING;
            case TOKEN -> TOKEN;
            case REFERENCE -> REFERENCE;
            case DATE -> DATE;
            case NUMBER -> NUMBER;
            case QUANTITY -> QUANTITY;
            case URI -> URI;
            case COMPOSITE -> COMPOSITE;
            default -> SPECIAL;
        };
    }
}
