package io.tenfold.e2e;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import io.vertx.core.json.JsonObject;

/**
 * A backend service's signing key, made in the test: its public half as a JWK for the registry, its private half
 * as a JWK for the client script, and (for the test's own readiness probe) a SMART Backend Services assertion.
 */
record ClientKeys(String kid, String alg, KeyPair pair) {

    /** An EC P-384 key for ES384. */
    static ClientKeys es384(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp384r1"));
            return new ClientKeys(kid, "ES384", generator.generateKeyPair());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 2048-bit RSA key for RS384. */
    static ClientKeys rs384(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new ClientKeys(kid, "RS384", generator.generateKeyPair());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as a JWK (what the registry gets). */
    JsonObject publicJwk() {
        JsonObject jwk = new JsonObject().put("kid", kid).put("alg", alg).put("use", "sig");
        if (pair.getPublic() instanceof ECPublicKey ec) {
            return jwk.put("kty", "EC").put("crv", "P-384").put("x", b64(ec.getW().getAffineX(), 48))
                    .put("y", b64(ec.getW().getAffineY(), 48));
        }
        RSAPublicKey rsa = (RSAPublicKey) pair.getPublic();
        return jwk.put("kty", "RSA").put("n", b64(rsa.getModulus(), 0)).put("e", b64(rsa.getPublicExponent(), 0));
    }

    /** The private key as a JWK (what only the client gets). */
    JsonObject privateJwk() {
        JsonObject jwk = publicJwk();
        jwk.remove("use");
        if (pair.getPrivate() instanceof ECPrivateKey ec) {
            return jwk.put("d", b64(ec.getS(), 48));
        }
        RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) pair.getPrivate();
        return jwk.put("d", b64(rsa.getPrivateExponent(), 0)).put("p", b64(rsa.getPrimeP(), 0))
                .put("q", b64(rsa.getPrimeQ(), 0)).put("dp", b64(rsa.getPrimeExponentP(), 0))
                .put("dq", b64(rsa.getPrimeExponentQ(), 0)).put("qi", b64(rsa.getCrtCoefficient(), 0));
    }

    /** A client assertion (RFC 7523, SMART Backend Services) addressed to the given token endpoint. */
    String assertion(String clientId, String tokenEndpoint) {
        long now = System.currentTimeMillis() / 1000;
        JsonObject header = new JsonObject().put("alg", alg).put("typ", "JWT").put("kid", kid);
        JsonObject claims = new JsonObject().put("iss", clientId).put("sub", clientId).put("aud", tokenEndpoint)
                .put("jti", UUID.randomUUID().toString()).put("iat", now).put("exp", now + 60);
        String input = b64(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.encode().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance(alg.startsWith("ES") ? "SHA384withECDSAinP1363Format"
                    : "SHA384withRSA");
            signer.initSign(pair.getPrivate());
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unsigned big-endian, left-padded to {@code length} bytes (0: as short as the value allows). */
    private static String b64(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (length > bytes.length) {
            byte[] padded = new byte[length];
            System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
            bytes = padded;
        }
        return b64(bytes);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
