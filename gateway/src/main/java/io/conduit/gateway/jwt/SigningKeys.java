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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

import io.quarkus.runtime.Startup;

/**
 * The RSA key the gateway signs with, and every public key it publishes. The signing key comes from
 * {@code conduit.jwt.private-key} (PEM text) or {@code conduit.jwt.private-key-location} (a PEM file);
 * when neither is set and {@code conduit.jwt.generate-if-missing} is on (dev and test only), a key pair
 * is generated once into {@code conduit.jwt.dev-key-location}. Older public keys listed in
 * {@code conduit.jwt.retired-public-key-locations} stay published so their tokens verify until they expire.
 * <p>
 * Loaded at start-up ({@link Startup}), so a missing, unreadable or malformed key stops the gateway before it
 * reports ready instead of failing every login and JWKS request later. PKCS#8 ({@code BEGIN PRIVATE KEY}) and
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what {@code openssl genrsa} and cert-manager write) are both accepted.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    @ConfigProperty(name = "conduit.jwt.private-key")
    Optional<String> privateKeyPem;

    @ConfigProperty(name = "conduit.jwt.private-key-location")
    Optional<Path> privateKeyLocation;

    @ConfigProperty(name = "conduit.jwt.generate-if-missing", defaultValue = "false")
    boolean generateIfMissing;

    @ConfigProperty(name = "conduit.jwt.dev-key-location", defaultValue = ".dev-keys/jwt-private.pem")
    Path devKeyLocation;

    @ConfigProperty(name = "conduit.jwt.retired-public-key-locations")
    Optional<List<Path>> retiredPublicKeyLocations;

    private PrivateKey signingKey;
    private String signingKid;
    private String jwksJson;

    @PostConstruct
    void load() {
        try {
            signingKey = readPrivateKey(signingPem());
            if (!(signingKey instanceof RSAPrivateCrtKey crt)) {
                throw new GeneralSecurityException("the key is not an RSA private key with CRT parameters");
            }
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            List<JsonWebKey> published = new ArrayList<>();
            RsaJsonWebKey current = publish(publicKey);
            signingKid = current.getKeyId();
            published.add(current);
            for (Path retired : retiredPublicKeyLocations.orElse(List.of())) {
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

    public PrivateKey signingKey() {
        return signingKey;
    }

    public String signingKid() {
        return signingKid;
    }

    /** The public JWK set, without any private member. */
    public String jwksJson() {
        return jwksJson;
    }

    private String source() {
        if (privateKeyPem.isPresent() && !privateKeyPem.get().isBlank()) {
            return "CONDUIT_JWT_PRIVATE_KEY";
        }
        return privateKeyLocation.map(p -> "CONDUIT_JWT_PRIVATE_KEY_LOCATION=" + p).orElse(devKeyLocation.toString());
    }

    private String signingPem() throws IOException, GeneralSecurityException {
        if (privateKeyPem.isPresent() && !privateKeyPem.get().isBlank()) {
            return privateKeyPem.get();
        }
        if (privateKeyLocation.isPresent()) {
            return Files.readString(privateKeyLocation.get());
        }
        if (!generateIfMissing) {
            throw new IllegalStateException("no signing key: set CONDUIT_JWT_PRIVATE_KEY (PEM) or "
                    + "CONDUIT_JWT_PRIVATE_KEY_LOCATION (a PEM file)");
        }
        if (!Files.exists(devKeyLocation)) {
            generateDevKey();
        }
        return Files.readString(devKeyLocation);
    }

    private void generateDevKey() throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path parent = devKeyLocation.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "jwt", ".tmp");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(tmp, pem);
        Files.move(tmp, devKeyLocation);
        LOG.infof("Generated a development JWT signing key at %s", devKeyLocation.toAbsolutePath());
    }

    private static RsaJsonWebKey publish(RSAPublicKey key) throws JoseException {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key);
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        jwk.setUse("sig");
        jwk.setAlgorithm("RS256");
        return jwk;
    }

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
        byte[] der = der(pem);
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? Pkcs1.toPkcs8(der) : der));
    }

    static RSAPublicKey readPublicKey(String pem) throws GeneralSecurityException {
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
    }

    private static byte[] der(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}
