package io.tenfold.local.testing;

import java.util.function.Consumer;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;


/**
 * Access tokens as a tenant's authorization server issues them (ES256, {@code typ: at+jwt}, {@code iss} its issuer,
 * {@code aud} its FHIR base), signed with {@link TestAuthServer}'s keys; and the forgeries the API must refuse.
 */
public final class TestTokens {

    private TestTokens() {
    }

    public static String patient(String tenant, String patientId, String scope) {
        return token(tenant, "patient", scope, c -> {
            c.setClaim("patient", patientId);
            c.setClaim("fhirUser", "Patient/" + patientId);
        }, h -> { });
    }

    public static String provider(String tenant, String scope) {
        return token(tenant, "provider", scope, c -> c.setClaim("fhirUser", "Practitioner/doc"), h -> { });
    }

    /** A provider-audience token with a patient in context (EHR launch, or a picker). */
    public static String providerWithPatient(String tenant, String patientId, String scope) {
        return token(tenant, "provider", scope, c -> c.setClaim("patient", patientId), h -> { });
    }

    public static String issuer(String tenant, String audience) {
        return SharedInfra.PUBLIC_BASE_URL + "/tenant/" + tenant + "/" + audience + "/auth";
    }

    public static String fhirBase(String tenant, String audience) {
        return SharedInfra.PUBLIC_BASE_URL + "/tenant/" + tenant + "/" + audience + "/smart-api";
    }

    /** A token of {@code tenant}'s {@code audience}, after {@code claims} and {@code header} adjusted it. */
    public static String token(String tenant, String audience, String scope, Consumer<JwtClaims> claims,
            Consumer<JsonWebSignature> header) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer(tenant, audience));
        c.setAudience(fhirBase(tenant, audience));
        c.setSubject("user-1");
        c.setClaim("client_id", "app");
        c.setClaim("scope", scope);
        c.setGeneratedJwtId();
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(5);
        claims.accept(c);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        var key = TestAuthServer.get().key(tenant, audience);
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", "at+jwt");
        header.accept(jws);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
