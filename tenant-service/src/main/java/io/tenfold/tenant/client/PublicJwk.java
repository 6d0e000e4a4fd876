package io.tenfold.tenant.client;

import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;

import io.tenfold.tenant.registry.Element;

/**
 * Checks that a registered JSON Web Key is a public key auth-service can verify client assertions with (SMART's
 * RS384 and ES384): RSA of at least 2048 bits, or an EC point on P-256, P-384 or P-521. Caught here, a bad key is a
 * 422 naming its member; otherwise the client would only learn at its first token request that no assertion of
 * its can ever be verified.
 */
final class PublicJwk {

    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_TEXT = 2048;

    /** The curves' field prime, coefficient b and coordinate size in bytes (a = -3 on all three). */
    private record Curve(BigInteger p, BigInteger b, int bytes) {
    }

    private static final Map<String, Curve> CURVES = Map.of(
            "P-256", new Curve(
                    new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16),
                    new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16), 32),
            "P-384", new Curve(
                    new BigInteger("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff"
                            + "0000000000000000ffffffff", 16),
                    new BigInteger("b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d"
                            + "2a85c8edd3ec2aef", 16), 48),
            "P-521", new Curve(
                    BigInteger.TWO.pow(521).subtract(BigInteger.ONE),
                    new BigInteger("51953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b"
                            + "1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00", 16), 66));

    private PublicJwk() {
    }

    static void check(Element key) {
        String kty = key.get("kty").requiredText(16);
        switch (kty) {
            case "RSA" -> {
                BigInteger n = unsigned(key.get("n"));
                unsigned(key.get("e"));
                if (n.bitLength() < MIN_RSA_BITS) {
                    throw key.get("n").invalid("jwk-too-weak", key.get("n").path() + " is a " + n.bitLength()
                            + "-bit modulus; RSA keys need at least " + MIN_RSA_BITS + " bits");
                }
            }
            case "EC" -> {
                String crv = key.get("crv").requiredText(16);
                Curve curve = CURVES.get(crv);
                if (curve == null) {
                    throw key.get("crv").invalid("crv-unsupported", key.get("crv").path()
                            + " must be P-256, P-384 or P-521");
                }
                BigInteger x = coordinate(key.get("x"), curve);
                BigInteger y = coordinate(key.get("y"), curve);
                BigInteger p = curve.p();
                BigInteger right = x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(curve.b()).mod(p);
                if (!y.pow(2).mod(p).equals(right)) {
                    throw key.get("y").invalid("jwk-invalid", key.path() + " is not a point on " + crv);
                }
            }
            default -> throw key.get("kty").invalid("kty-unsupported", key.get("kty").path()
                    + " must be RSA or EC (keys for RS384 or ES384 client assertions)");
        }
    }

    private static BigInteger coordinate(Element member, Curve curve) {
        byte[] bytes = bytes(member);
        BigInteger value = new BigInteger(1, bytes);
        if (bytes.length != curve.bytes() || value.compareTo(curve.p()) >= 0) {
            throw member.invalid("jwk-invalid", member.path() + " is not a coordinate of the key's curve");
        }
        return value;
    }

    private static BigInteger unsigned(Element member) {
        BigInteger value = new BigInteger(1, bytes(member));
        if (value.signum() == 0) {
            throw member.invalid("jwk-invalid", member.path() + " must not be zero");
        }
        return value;
    }

    private static byte[] bytes(Element member) {
        String text = member.requiredText(MAX_TEXT);
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw member.invalid("jwk-invalid", member.path() + " is not base64url");
        }
    }
}
