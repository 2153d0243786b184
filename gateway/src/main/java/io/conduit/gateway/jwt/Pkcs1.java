package io.conduit.gateway.jwt;

import java.io.ByteArrayOutputStream;

/**
 * Wraps a PKCS#1 {@code RSAPrivateKey} (the body of a {@code BEGIN RSA PRIVATE KEY} PEM) in the PKCS#8
 * {@code PrivateKeyInfo} the JDK's {@code KeyFactory} reads: {@code SEQUENCE { INTEGER 0,
 * SEQUENCE { OID rsaEncryption, NULL }, OCTET STRING pkcs1 }} (RFC 5208, RFC 8017 A.1).
 */
final class Pkcs1 {

    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
    /** AlgorithmIdentifier for rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ENCRYPTION = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private Pkcs1() {
    }

    static byte[] toPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(VERSION_0);
        body.writeBytes(RSA_ENCRYPTION);
        body.write(0x04);
        body.writeBytes(length(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(0x30);
        info.writeBytes(length(body.size()));
        info.writeBytes(body.toByteArray());
        return info.toByteArray();
    }

    /** A DER definite length: short form below 128, else 0x80 | byte count, then the bytes, big-endian. */
    private static byte[] length(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
        byte[] out = new byte[bytes + 1];
        out[0] = (byte) (0x80 | bytes);
        for (int i = bytes; i >= 1; i--) {
            out[i] = (byte) n;
            n >>>= 8;
        }
        return out;
    }
}
