package io.tenfold.tenant.operator;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.tenant.rpc.AuthServiceConfig;

/**
 * Operator bearer tokens from the operator issuer ({@code /auth/token}): verified with smallrye-jwt against
 * auth-service's key set ({@code /auth/jwks}, fetched and cached by the parser), issuer {@code <base>/auth},
 * audience {@code <base>}, ES256 only. Tokens of tenants' authorization servers fail both checks.
 */
@ApplicationScoped
public class OperatorTokens {

    private final DefaultJWTParser parser;

    public OperatorTokens(AuthServiceConfig auth, PlatformConfig platform) {
        String base = platform.publicBaseUrl().replaceAll("/+$", "");
        this.parser = auth.url().map(url -> {
            JWTAuthContextInfo context = new JWTAuthContextInfo(url.replaceAll("/+$", "") + "/auth/jwks",
                    base + "/auth");
            context.setExpectedAudience(Set.of(base));
            context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
            context.setJwksRefreshInterval(5);
            return new DefaultJWTParser(context);
        }).orElse(null);
    }

    /** The operator client a token was issued to, if the token is a valid operator token. */
    public Optional<String> operator(String token) {
        if (parser == null || token == null || token.length() > 8192) {
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            Object scope = jwt.getClaim("scope");
            return "operator".equals(String.valueOf(scope)) ? Optional.ofNullable(jwt.getSubject())
                    : Optional.empty();
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
