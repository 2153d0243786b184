package io.conduit.gateway.jwt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Pkcs1Test {

    /** The JDK writes PKCS#8 with the PKCS#1 key as its last element: unwrapping and re-wrapping gives the same bytes. */
    @ParameterizedTest
    @ValueSource(ints = {1024, 2048, 4096})
    void wrapsAPkcs1KeyIntoThePkcs8TheJdkWrites(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        int header = pkcs8[1] == (byte) 0x82 ? 4 : 3;
        int octetString = header + 3 + 15;
        assertEquals(0x04, pkcs8[octetString]);
        int lengthBytes = (pkcs8[octetString + 1] & 0x80) == 0 ? 1 : 1 + (pkcs8[octetString + 1] & 0x7f);
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, octetString + 1 + lengthBytes, pkcs8.length);

        assertArrayEquals(pkcs8, Pkcs1.toPkcs8(pkcs1));
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pkcs1) + "\n-----END RSA PRIVATE KEY-----\n";
        assertArrayEquals(pkcs8, SigningKeys.readPrivateKey(pem).getEncoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n",
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nMIIB\n-----END RSA PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"})
    void refusesWhatIsNotAnUnencryptedRsaPrivateKey(String pem) {
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> SigningKeys.readPrivateKey(pem));
        assertTrue(e.getMessage() != null, pem);
    }
}
