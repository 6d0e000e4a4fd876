package io.tenfold.auth.authorize;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;

import io.tenfold.auth.token.AccessTokens;
import io.tenfold.auth.token.Issuer;

/**
 * The {@code launch} of an EHR launch: a short-lived JWT of type {@code launch+jwt}, signed by the tenant's
 * authorization server, naming the client, the user it was made for and the context (patient, encounter).
 * /authorize accepts it only from that client and for that user, before it expires.
 */
@ApplicationScoped
public class LaunchTokens {

    public static final JOSEObjectType LAUNCH_JWT = new JOSEObjectType("launch+jwt");
    private static final long LIFETIME_SECONDS = 300;

    /** What a launch carries. */
    public record Launch(String clientId, String userId, Map<String, Object> context) {
    }

    private final AccessTokens tokens;

    public LaunchTokens(AccessTokens tokens) {
        this.tokens = tokens;
    }

    public String mint(Issuer issuer, String clientId, String userId, Map<String, Object> context) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer.iss()).audience(issuer.iss())
                .subject(userId).claim("client_id", clientId).claim("ctx", context)
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(LIFETIME_SECONDS))).build();
        return tokens.sign(issuer, LAUNCH_JWT, claims);
    }

    /** The launch, if it is one this issuer made and it has not expired. */
    public Optional<Launch> verify(Issuer issuer, String launch) {
        return tokens.verify(issuer, LAUNCH_JWT, launch).flatMap(claims -> {
            try {
                Map<String, Object> ctx = claims.getJSONObjectClaim("ctx");
                return Optional.of(new Launch(claims.getStringClaim("client_id"), claims.getSubject(),
                        ctx == null ? Map.of() : ctx));
            } catch (ParseException e) {
                return Optional.empty();
            }
        });
    }
}
