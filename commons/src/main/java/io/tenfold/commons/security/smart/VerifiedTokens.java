package io.tenfold.commons.security.smart;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Access tokens this replica has verified, until they expire: an app calls many times with one token, and a
 * signature check costs far more than the request it guards. Keyed by the OIDC tenant (tenant and audience) and
 * the token itself, so a token verified for one tenant's API is still checked (and refused) on another's.
 */
@ApplicationScoped
@IfBuildProperty(name = ProtectedApi.ENABLED, stringValue = "true")
public class VerifiedTokens {

    private static final int MAX_ENTRIES = 200_000;

    private final Cache<String, SmartAccess> verified = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfter(new Expiry<String, SmartAccess>() {
                @Override
                public long expireAfterCreate(String key, SmartAccess access, long currentTime) {
                    return untilExpiry(access);
                }

                @Override
                public long expireAfterUpdate(String key, SmartAccess access, long currentTime, long current) {
                    return untilExpiry(access);
                }

                @Override
                public long expireAfterRead(String key, SmartAccess access, long currentTime, long current) {
                    return current;
                }
            })
            .build();

    /** The access of a token verified before for this OIDC tenant, if it has not expired since. */
    public SmartAccess find(String oidcTenant, String token) {
        SmartAccess access = verified.getIfPresent(key(oidcTenant, token));
        return access == null || !access.expiresAt().isAfter(Instant.now()) ? null : access;
    }

    public void remember(String oidcTenant, String token, SmartAccess access) {
        verified.put(key(oidcTenant, token), access);
    }

    /** Forgets the tokens with these ids ({@code jti}s are unique per token). */
    public void forgetTokenIds(Set<String> tokenIds) {
        verified.asMap().values().removeIf(access -> tokenIds.contains(access.tokenId()));
    }

    private static String key(String oidcTenant, String token) {
        return oidcTenant + ' ' + token;
    }

    private static long untilExpiry(SmartAccess access) {
        long millis = access.expiresAt().toEpochMilli() - System.currentTimeMillis();
        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
    }
}
