package io.tenfold.fhir.search;

/**
 * {@code Location?near=latitude|longitude|distance|units}, R4's one special parameter with an expression
 * ({@code Location.position}). A position is indexed as two number rows of one group: its latitude under
 * {@link #latitude} and its longitude under {@link #longitude} of the parameter's name.
 */
public final class NearSearch {

    public static final String NAME = "near";

    private NearSearch() {
    }

    public static String latitude(String param) {
        return param + "$lat";
    }

    public static String longitude(String param) {
        return param + "$long";
    }
}
