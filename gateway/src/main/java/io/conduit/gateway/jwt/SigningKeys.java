package io.conduit.gateway.jwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The RSA key the gateway signs with, and every public key it publishes. The signing key comes from
 * {@code conduit.jwt.private-key} (PEM text) or {@code conduit.jwt.private-key-location} (a PEM file);
 * when neither is set and {@code conduit.jwt.generate-if-missing} is on (dev and test only), a key pair
 * is generated once into {@code conduit.jwt.dev-key-location}. Older public keys listed in
 * {@code conduit.jwt.retired-public-key-locations} stay published so their tokens verify until they expire
 * (all in {@link JwtSettings}). PEM decoding and key generation are smallrye-jwt's ({@code KeyUtils}).
 * <p>
 * Loaded at start-up ({@link Startup}), so a missing, unreadable or malformed key stops the gateway before it
 * reports ready instead of failing every login and JWKS request later. PKCS#8 ({@code BEGIN PRIVATE KEY}) and
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what {@code openssl genrsa} and cert-manager write) are both accepted.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    @Inject
    JwtSettings settings;

    /** The private key tokens are signed with, and the id of its public half in the JWKS ({@code kid}). */
    public record SigningKey(PrivateKey key, String kid) {
    }

    private SigningKey current;
    private String jwksJson;

    @PostConstruct
    void load() {
        try {
            PrivateKey signingKey = readPrivateKey(signingPem());
            if (!(signingKey instanceof RSAPrivateCrtKey crt)) {
                throw new GeneralSecurityException("the key is not an RSA private key with CRT parameters");
            }
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            List<JsonWebKey> published = new ArrayList<>();
            RsaJsonWebKey signing = publish(publicKey);
            current = new SigningKey(signingKey, signing.getKeyId());
            published.add(signing);
            for (Path retired : settings.retiredPublicKeyLocations().orElse(List.of())) {
                published.add(publish(readPublicKey(Files.readString(retired))));
            }
            jwksJson = new JsonWebKeySet(published).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (IOException e) {
            String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : source();
            String why = e instanceof NoSuchFileException ? "no such file"
                    : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
            throw new IllegalStateException("Cannot load the JWT signing key: cannot read " + file + ": " + why, e);
        } catch (GeneralSecurityException | JoseException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot load the JWT signing key from " + source() + ": " + e.getMessage(), e);
        }
    }

    public SigningKey current() {
        return current;
    }

    /** The public JWK set, without any private member. */
    public String jwksJson() {
        return jwksJson;
    }

    private String source() {
        if (settings.privateKey().isPresent() && !settings.privateKey().get().isBlank()) {
            return "CONDUIT_JWT_PRIVATE_KEY";
        }
        return settings.privateKeyLocation().map(p -> "CONDUIT_JWT_PRIVATE_KEY_LOCATION=" + p)
                .orElse(settings.devKeyLocation().toString());
    }

    private String signingPem() throws IOException, GeneralSecurityException {
        if (settings.privateKey().isPresent() && !settings.privateKey().get().isBlank()) {
            return settings.privateKey().get();
        }
        if (settings.privateKeyLocation().isPresent()) {
            return Files.readString(settings.privateKeyLocation().get());
        }
        if (!settings.generateIfMissing()) {
            throw new IllegalStateException("no signing key: set CONDUIT_JWT_PRIVATE_KEY (PEM) or "
                    + "CONDUIT_JWT_PRIVATE_KEY_LOCATION (a PEM file)");
        }
        Path devKey = settings.devKeyLocation();
        if (!Files.exists(devKey)) {
            generateDevKey(devKey);
        }
        return Files.readString(devKey);
    }

    /** A new RSA key pair (smallrye-jwt's generator), its private half written as PKCS#8 PEM, readable by its owner only. */
    private static void generateDevKey(Path devKey) throws IOException, GeneralSecurityException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(KeyUtils.generateKeyPair(2048).getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path parent = devKey.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "jwt", ".tmp");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(tmp, pem);
        Files.move(tmp, devKey);
        LOG.infof("Generated a development JWT signing key at %s", devKey.toAbsolutePath());
    }

    private static RsaJsonWebKey publish(RSAPublicKey key) throws JoseException {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key);
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        jwk.setUse("sig");
        jwk.setAlgorithm("RS256");
        return jwk;
    }

    /**
     * An unencrypted RSA private key from PEM text: PKCS#8 as smallrye-jwt reads it, or PKCS#1 wrapped into PKCS#8
     * first ({@link Pkcs1}), which smallrye-jwt does not read.
     */
    static PrivateKey readPrivateKey(String pem) throws GeneralSecurityException {
        if (pem.contains("ENCRYPTED PRIVATE KEY") || pem.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new GeneralSecurityException("the PEM is encrypted; give the gateway an unencrypted key "
                    + "('openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem') and protect it as a Secret");
        }
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        if (!pkcs1 && !pem.contains("BEGIN PRIVATE KEY")) {
            throw new GeneralSecurityException("not a PEM private key: expected '-----BEGIN PRIVATE KEY-----' (PKCS#8) "
                    + "or '-----BEGIN RSA PRIVATE KEY-----' (PKCS#1)");
        }
        String pkcs8 = base64Body(pem);
        if (pkcs1) {
            pkcs8 = Base64.getEncoder().encodeToString(Pkcs1.toPkcs8(Base64.getDecoder().decode(pkcs8)));
        }
        return KeyUtils.decodePrivateKey(pkcs8);
    }

    static RSAPublicKey readPublicKey(String pem) throws GeneralSecurityException {
        return (RSAPublicKey) KeyUtils.decodePublicKey(base64Body(pem));
    }

    /** The Base64 between a PEM's BEGIN and END lines, without any white space. */
    private static String base64Body(String pem) {
        return KeyUtils.removePemKeyBeginEnd(pem).replaceAll("\\s", "");
    }
}
