package io.tenfold.auth.key;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;

/**
 * Makes an issuer's signing keys, {@code kid} the JWK thumbprint: RSA 2048 for RS256 (id tokens and launches,
 * what SMART clients and Inferno verify) and P-256 for ES256 (access tokens: several times cheaper to sign).
 */
@ApplicationScoped
public class SigningKeyFactory {

    /** A new key: its public JWK and its encrypted private key. */
    public record NewKey(String kid, String alg, String publicJwk, byte[] encryptedPrivateKey) {
    }

    private final KeyEncryption encryption;

    public SigningKeyFactory(KeyEncryption encryption) {
        this.encryption = encryption;
    }

    public NewKey create(TenantId tenant, Audience audience, JWSAlgorithm alg) {
        return create(tenant.value(), audience.segment(), alg);
    }

    /**
     * A key for an issuer: a tenant id (or {@code _global}) and an audience ({@code patient}, {@code provider},
     * {@code operator}), for {@link JWSAlgorithm#RS256} or {@link JWSAlgorithm#ES256}.
     */
    public NewKey create(String tenantKey, String audience, JWSAlgorithm alg) {
        try {
            JWK jwk;
            byte[] pkcs8;
            if (JWSAlgorithm.ES256.equals(alg)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = generator.generateKeyPair();
                jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256).keyIDFromThumbprint().build();
                pkcs8 = pair.getPrivate().getEncoded();
            } else if (JWSAlgorithm.RS256.equals(alg)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                jwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint().build();
                pkcs8 = pair.getPrivate().getEncoded();
            } else {
                throw new IllegalArgumentException("unsupported signing algorithm " + alg);
            }
            byte[] sealed = encryption.encrypt(pkcs8, associatedData(tenantKey, audience, jwk.getKeyID()));
            return new NewKey(jwk.getKeyID(), alg.getName(), jwk.toPublicJWK().toJSONString(), sealed);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    public static String associatedData(String tenantKey, String audience, String kid) {
        return tenantKey + "|" + audience + "|" + kid;
    }
}
