package io.tenfold.auth.key;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.util.Set;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

/**
 * ES256 signatures on the hot path of every token: BouncyCastle's low-level ECDSA on its P-256 curve, whose
 * fixed-point tables are computed once and kept (through the JCA layer they are rebuilt on every signature),
 * with deterministic nonces (RFC 6979). Several times faster than the JDK 17 provider.
 */
final class Es256Signer implements JWSSigner {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(),
            CURVE.getN(), CURVE.getH());

    private final ECPrivateKeyParameters key;
    private final JCAContext jca = new JCAContext();

    Es256Signer(ECPrivateKey privateKey) {
        this.key = new ECPrivateKeyParameters(privateKey.getS(), DOMAIN);
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new JOSEException("Es256Signer signs ES256 only");
        }
        SHA256Digest digest = new SHA256Digest();
        byte[] hash = new byte[digest.getDigestSize()];
        digest.update(signingInput, 0, signingInput.length);
        digest.doFinal(hash, 0);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, key);
        BigInteger[] rs = signer.generateSignature(hash);
        byte[] jws = new byte[64];
        copy(rs[0], jws, 0);
        copy(rs[1], jws, 32);
        return Base64URL.encode(jws);
    }

    /** A JWS ECDSA signature is R and S as 32 big-endian bytes each (RFC 7518 §3.4), not DER. */
    private static void copy(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, offset + 32 - length, length);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.ES256);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }
}
