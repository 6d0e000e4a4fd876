package io.tenfold.auth.key;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "tenfold.auth")
public interface AuthConfig {

    /**
     * Base64url of 32 random bytes (env {@code TENFOLD_AUTH_KEY_ENCRYPTION_KEY}): encrypts the tenants' private
     * signing keys at rest. Required; keep it in a Secret.
     */
    String keyEncryptionKey();
}
