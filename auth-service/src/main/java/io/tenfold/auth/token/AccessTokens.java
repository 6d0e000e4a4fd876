package io.tenfold.auth.token;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.tenfold.auth.key.SigningKeys;

/**
 * Access tokens: JWTs of type {@code at+jwt} (RFC 9068) signed ES256 with the issuer's active key, {@code kid} set,
 * carrying {@code iss aud sub client_id scope jti iat exp} and the launch context. The type keeps an id token
 * from ever passing for an access token.
 */
@ApplicationScoped
public class AccessTokens {

    public static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    /** A token as issued. */
    public record Issued(String value, String jti, Instant expiresAt, long expiresIn) {
    }

    private final SigningKeys keys;

    public AccessTokens(SigningKeys keys) {
        this.keys = keys;
    }

    public Issued issue(Issuer issuer, String subject, String clientId, String scope, long lifetimeSeconds,
            Map<String, Object> context) {
        Instant now = Instant.now();
        Instant exp = now.plusSeconds(lifetimeSeconds);
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer.iss())
                .audience(issuer.accessTokenAudience())
                .subject(subject)
                .claim("client_id", clientId)
                .claim("scope", scope)
                .jwtID(jti)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(exp));
        context.forEach(claims::claim);
        return new Issued(sign(issuer, JWSAlgorithm.ES256, AT_JWT, claims.build()), jti, exp, lifetimeSeconds);
    }

    /** Signs a JWT with the issuer's active RS256 key (id tokens, launches: what SMART clients verify). */
    public String sign(Issuer issuer, JOSEObjectType type, JWTClaimsSet claims) {
        return sign(issuer, JWSAlgorithm.RS256, type, claims);
    }

    private String sign(Issuer issuer, JWSAlgorithm alg, JOSEObjectType type, JWTClaimsSet claims) {
        SigningKeys.Signer signer = keys.active(issuer.tenantKey(), issuer.audience(), alg);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(signer.algorithm()).keyID(signer.kid()).type(type)
                .build(), claims);
        try {
            jwt.sign(signer.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    /**
     * The claims of a JWT this issuer signed, of the given type, not expired; empty for anything else (another
     * issuer, another type, a bad signature, an unknown key, garbage).
     */
    public Optional<JWTClaimsSet> verify(Issuer issuer, JOSEObjectType type, String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!type.equals(jwt.getHeader().getType())) {
                return Optional.empty();
            }
            JWSVerifier verifier = keys.verifier(issuer.tenantKey(), issuer.audience(), jwt.getHeader().getKeyID());
            if (verifier == null || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!issuer.iss().equals(claims.getIssuer()) || claims.getExpirationTime() == null
                    || claims.getExpirationTime().toInstant().isBefore(Instant.now())) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
