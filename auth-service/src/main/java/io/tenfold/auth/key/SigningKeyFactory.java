package io.tenfold.auth.key;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;

/** Makes a tenant's signing keys: RSA 2048 for RS256 (what SMART clients verify), {@code kid} the JWK thumbprint. */
@ApplicationScoped
public class SigningKeyFactory {

    /** A new key: its public JWK and its encrypted private key. */
    public record NewKey(String kid, String alg, String publicJwk, byte[] encryptedPrivateKey) {
    }

    private final KeyEncryption encryption;

    public SigningKeyFactory(KeyEncryption encryption) {
        this.encryption = encryption;
    }

    public NewKey create(TenantId tenant, Audience audience) {
        return create(tenant.value(), audience.segment());
    }

    /** A key for an issuer: a tenant id (or {@code _global}) and an audience ({@code patient}, {@code provider}, {@code operator}). */
    public NewKey create(String tenantKey, String audience) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey jwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint()
                    .build();
            byte[] sealed = encryption.encrypt(pair.getPrivate().getEncoded(),
                    associatedData(tenantKey, audience, jwk.getKeyID()));
            return new NewKey(jwk.getKeyID(), "RS256", jwk.toPublicJWK().toJSONString(), sealed);
        } catch (NoSuchAlgorithmException | JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    public static String associatedData(String tenantKey, String audience, String kid) {
        return tenantKey + "|" + audience + "|" + kid;
    }
}
