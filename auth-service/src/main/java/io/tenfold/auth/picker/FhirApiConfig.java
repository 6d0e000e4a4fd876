package io.tenfold.auth.picker;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where auth-service reaches fhir-service inside the install: the provider launch's patient picker searches it. */
@ConfigMapping(prefix = "tenfold.fhir")
public interface FhirApiConfig {

    /** fhir-service's internal URL (env {@code TENFOLD_FHIR_URL}), e.g. {@code http://fhir-service:8080}. */
    Optional<String> url();
}
