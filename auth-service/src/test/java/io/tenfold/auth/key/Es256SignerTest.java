package io.tenfold.auth.key;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

class Es256SignerTest {

    @Test
    void signaturesVerifyWithTheStandardVerifierAndOnlyForTheirContent() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Es256Signer signer = new Es256Signer((ECPrivateKey) pair.getPrivate());
        ECDSAVerifier verifier = new ECDSAVerifier((ECPublicKey) pair.getPublic());
        for (int i = 0; i < 200; i++) {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256),
                    new JWTClaimsSet.Builder().subject("s" + i).build());
            jwt.sign(signer);
            assertTrue(SignedJWT.parse(jwt.serialize()).verify(verifier), "signature " + i);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder().subject("a").build());
        jwt.sign(signer);
        String[] parts = jwt.serialize().split("\\.");
        String tampered = parts[0] + "." + new SignedJWT(new JWSHeader(JWSAlgorithm.ES256),
                new JWTClaimsSet.Builder().subject("b").build()).getPayload().toBase64URL() + "." + parts[2];
        assertFalse(SignedJWT.parse(tampered).verify(verifier));
    }
}
