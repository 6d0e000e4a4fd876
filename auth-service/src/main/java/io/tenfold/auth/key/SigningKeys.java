package io.tenfold.auth.key;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The keys an issuer signs and verifies with, decrypted once and kept in memory for a minute (so a rotation or
 * a purge is seen everywhere within a minute). Signing never touches the database on the hot path. EC keys
 * sign ({@link Es256Signer}) and verify through BouncyCastle, several times faster than the JDK's on Java 17.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);
    private static final long TTL_NANOS = Duration.ofMinutes(1).toNanos();

    /** An issuer's active key for an algorithm, ready to sign. */
    public record Signer(String kid, JWSAlgorithm algorithm, JWSSigner signer) {
    }

    private record Cached<T>(T value, long at) {
    }

    private final SigningKeyRepository keys;
    private final KeyEncryption encryption;
    private final Map<String, Cached<Signer>> signers = new ConcurrentHashMap<>();
    private final Map<String, Cached<JWSVerifier>> verifiers = new ConcurrentHashMap<>();

    public SigningKeys(SigningKeyRepository keys, KeyEncryption encryption) {
        this.keys = keys;
        this.encryption = encryption;
    }

    /** The active signer of an issuer ({@code tenantKey} a tenant id or {@code _global}) for an algorithm. */
    public Signer active(String tenantKey, String audience, JWSAlgorithm alg) {
        String key = tenantKey + "|" + audience + "|" + alg.getName();
        Cached<Signer> cached = signers.get(key);
        if (cached != null && System.nanoTime() - cached.at() < TTL_NANOS) {
            return cached.value();
        }
        Row row = keys.active(tenantKey, audience, alg.getName()).await().atMost(DB_TIMEOUT);
        if (row == null) {
            throw new IllegalStateException("no active " + alg + " key for " + tenantKey + "/" + audience);
        }
        String kid = row.getString("kid");
        byte[] pkcs8 = encryption.decrypt(row.getBuffer("private_key").getBytes(),
                SigningKeyFactory.associatedData(tenantKey, audience, kid));
        try {
            JWSSigner jwsSigner;
            if (JWSAlgorithm.ES256.equals(alg)) {
                PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                jwsSigner = new Es256Signer((ECPrivateKey) privateKey);
            } else {
                PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                jwsSigner = new RSASSASigner((RSAPrivateKey) privateKey);
            }
            Signer signer = new Signer(kid, alg, jwsSigner);
            signers.put(key, new Cached<>(signer, System.nanoTime()));
            return signer;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key unusable", e);
        }
    }

    /**
     * Drops an issuer's cached keys (after a rotation): the next signature uses the new key and a retired key
     * stops verifying here at once (other replicas follow within the cache's minute).
     */
    public void forget(String tenantKey, String audience) {
        String prefix = tenantKey + "|" + audience + "|";
        signers.keySet().removeIf(key -> key.startsWith(prefix));
        verifiers.keySet().removeIf(key -> key.startsWith(prefix));
    }

    /** A verifier for a published key of an issuer, or null if no such key is published. */
    public JWSVerifier verifier(String tenantKey, String audience, String kid) {
        if (kid == null) {
            return null;
        }
        String key = tenantKey + "|" + audience + "|" + kid;
        Cached<JWSVerifier> cached = verifiers.get(key);
        if (cached != null && System.nanoTime() - cached.at() < TTL_NANOS) {
            return cached.value();
        }
        JsonObject published = keys.publishedKey(tenantKey, audience, kid).await().atMost(DB_TIMEOUT);
        if (published == null) {
            verifiers.remove(key);
            return null;
        }
        try {
            JWK jwk = JWK.parse(published.encode());
            JWSVerifier verifier;
            if (jwk instanceof ECKey ec) {
                ECDSAVerifier ecVerifier = new ECDSAVerifier(ec.toECPublicKey());
                ecVerifier.getJCAContext().setProvider(BouncyCastleProviderSingleton.getInstance());
                verifier = ecVerifier;
            } else {
                verifier = new RSASSAVerifier(((RSAKey) jwk).toRSAPublicKey());
            }
            verifiers.put(key, new Cached<>(verifier, System.nanoTime()));
            return verifier;
        } catch (ParseException | JOSEException e) {
            return null;
        }
    }
}
