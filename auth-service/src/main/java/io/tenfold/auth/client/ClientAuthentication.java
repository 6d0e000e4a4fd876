package io.tenfold.auth.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.tenfold.commons.error.OAuthException;
import io.tenfold.commons.security.PasswordHashing;
import io.tenfold.commons.security.Tokens;

/**
 * Who is calling a token, introspection or revocation endpoint (RFC 6749 §2.3, RFC 7523, SMART Backend
 * Services): a confidential client with its secret (HTTP Basic or form), a client with a signed assertion
 * ({@code private_key_jwt}: RS384/ES384 and their siblings, never HMAC or {@code none}), or a public client by
 * id alone. Every failure is the same {@code invalid_client}, so nothing tells which part was wrong.
 */
@ApplicationScoped
public class ClientAuthentication {

    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.PS256,
            JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    private static final long MAX_ASSERTION_LIFETIME_SECONDS = 300;
    private static final long CLOCK_SKEW_SECONDS = 60;
    /** Secrets verified lately (argon2id is slow on purpose): a digest of client, hash and secret → when. */
    private static final long VERIFIED_SECRET_TTL_NANOS = 10L * 60 * 1_000_000_000;
    private static final int VERIFIED_SECRET_MAX = 10_000;

    /** The authenticated caller, and how it authenticated. */
    public record Authenticated(RegisteredClient client, String method) {
    }

    private final ClientDirectory clients;
    private final AssertionReplay replay;
    private final JwksFetcher jwksFetcher;
    private final Map<String, Long> verifiedSecrets = new ConcurrentHashMap<>();

    public ClientAuthentication(ClientDirectory clients, AssertionReplay replay, JwksFetcher jwksFetcher) {
        this.clients = clients;
        this.replay = replay;
        this.jwksFetcher = jwksFetcher;
    }

    /**
     * Authenticates the caller of an endpoint of the given tenant's authorization server.
     *
     * @param tokenEndpoint the URL a client assertion must be addressed to
     */
    public Authenticated authenticate(String tenantId, String authorization, MultivaluedMap<String, String> form,
            String tokenEndpoint) {
        String formId = single(form, "client_id");
        String formSecret = single(form, "client_secret");
        String assertion = single(form, "client_assertion");
        String assertionType = single(form, "client_assertion_type");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        int methods = (basic ? 1 : 0) + (formSecret != null ? 1 : 0) + (assertion != null ? 1 : 0);
        if (methods > 1) {
            throw OAuthException.invalidRequest("Use exactly one client authentication method");
        }
        if (basic) {
            String[] credentials = basicCredentials(authorization);
            if (formId != null && !formId.equals(credentials[0])) {
                throw OAuthException.invalidRequest("client_id does not match the authenticated client");
            }
            return new Authenticated(withSecret(tenantId, credentials[0], credentials[1]), "client_secret_basic");
        }
        if (formSecret != null) {
            return new Authenticated(withSecret(tenantId, formId, formSecret), "client_secret_post");
        }
        if (assertion != null) {
            if (!JWT_BEARER.equals(assertionType)) {
                throw OAuthException.invalidClient("Unsupported client_assertion_type");
            }
            return new Authenticated(withAssertion(tenantId, formId, assertion, tokenEndpoint), "private_key_jwt");
        }
        RegisteredClient client = active(tenantId, formId);
        if (!client.isPublic()) {
            throw OAuthException.invalidClient("Client authentication failed");
        }
        return new Authenticated(client, "none");
    }

    private RegisteredClient withSecret(String tenantId, String clientId, String secret) {
        RegisteredClient client = active(tenantId, clientId);
        String hash = client.state().secretHash();
        if (hash == null || secret == null || !secretMatches(client.id(), hash, secret)) {
            throw OAuthException.invalidClient("Client authentication failed");
        }
        return client;
    }

    private boolean secretMatches(String clientId, String hash, String secret) {
        String key = Tokens.digest(clientId + "\u0000" + hash + "\u0000" + secret);
        Long at = verifiedSecrets.get(key);
        long now = System.nanoTime();
        if (at != null && now - at < VERIFIED_SECRET_TTL_NANOS) {
            return true;
        }
        if (!PasswordHashing.verify(secret, hash)) {
            return false;
        }
        if (verifiedSecrets.size() >= VERIFIED_SECRET_MAX) {
            verifiedSecrets.clear();
        }
        verifiedSecrets.put(key, now);
        return true;
    }

    private RegisteredClient withAssertion(String tenantId, String formId, String assertion, String tokenEndpoint) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw OAuthException.invalidClient("Client authentication failed");
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw OAuthException.invalidClient("Client authentication failed");
        }
        String clientId = claims.getIssuer();
        if (clientId == null || !clientId.equals(claims.getSubject()) || (formId != null && !formId.equals(clientId))) {
            throw OAuthException.invalidClient("Client authentication failed");
        }
        RegisteredClient client = active(tenantId, clientId);
        if (!client.hasKeys() || !verifies(jwt, client)) {
            throw OAuthException.invalidClient("Client authentication failed");
        }
        Instant now = Instant.now();
        Date exp = claims.getExpirationTime();
        List<String> aud = claims.getAudience();
        // RFC 7523 §3: the authorization server must be an audience: its token endpoint (SMART) or its issuer.
        String issuer = tokenEndpoint.substring(0, tokenEndpoint.lastIndexOf('/'));
        if (exp == null || exp.toInstant().isBefore(now.minusSeconds(CLOCK_SKEW_SECONDS))
                || exp.toInstant().isAfter(now.plusSeconds(MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS))
                || aud == null || !(aud.contains(tokenEndpoint) || aud.contains(issuer))
                || (claims.getNotBeforeTime() != null
                        && claims.getNotBeforeTime().toInstant().isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS)))
                || claims.getJWTID() == null || claims.getJWTID().isBlank()) {
            throw OAuthException.invalidClient("Client authentication failed");
        }
        if (!replay.firstUse(tenantId, clientId, claims.getJWTID(), exp.toInstant().plusSeconds(CLOCK_SKEW_SECONDS))) {
            throw OAuthException.invalidClient("Client assertion was already used");
        }
        return client;
    }

    private boolean verifies(SignedJWT jwt, RegisteredClient client) {
        JWKSet keys = client.state().jwks() != null ? parse(client.state().jwks())
                : jwksFetcher.fetch(client.state().jwksUri());
        if (keys == null) {
            return false;
        }
        String kid = jwt.getHeader().getKeyID();
        for (JWK key : keys.getKeys()) {
            if (kid != null && key.getKeyID() != null && !kid.equals(key.getKeyID())) {
                continue;
            }
            try {
                JWSVerifier verifier = verifier(key, jwt.getHeader().getAlgorithm());
                if (verifier != null && jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // a key of the wrong shape: try the next
            }
        }
        return false;
    }

    private static JWSVerifier verifier(JWK key, JWSAlgorithm alg) throws JOSEException {
        if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(alg)) {
            return new RSASSAVerifier(rsa.toRSAPublicKey());
        }
        if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)) {
            return new ECDSAVerifier(ec.toECPublicKey());
        }
        return null;
    }

    private static JWKSet parse(String jwks) {
        try {
            return JWKSet.parse(jwks);
        } catch (ParseException e) {
            return null;
        }
    }

    private RegisteredClient active(String tenantId, String clientId) {
        if (clientId == null) {
            throw OAuthException.invalidClient("Client authentication failed");
        }
        return clients.find(tenantId, clientId).filter(RegisteredClient::active)
                .orElseThrow(() -> OAuthException.invalidClient("Client authentication failed"));
    }

    private static String[] basicCredentials(String header) {
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthException.invalidClient("Client authentication failed");
            }
            // RFC 6749 §2.3.1: both parts are form-urlencoded before they are put together.
            return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("Client authentication failed");
        }
    }

    /** A form parameter that may appear at most once (RFC 6749 §3.1). */
    public static String single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form == null ? null : form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw OAuthException.invalidRequest("Parameter " + name + " is repeated");
        }
        String value = values.get(0);
        return value == null || value.isEmpty() ? null : value;
    }
}
