package io.tollgate.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log's key: an Ed25519 private key in a PEM file outside the database (PKCS#8, as {@code
 * openssl genpkey -algorithm ed25519} writes it). It signs checkpoints; a MAC key derived from it
 * keys every row's MAC. The public key is exported for auditors. A missing default file is created
 * once, readable by its owner only.
 */
public final class AuditKeys {
  private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final byte[] macKey;
  private final String keyId;

  private AuditKeys(byte[] seed) {
    try {
      // Ed25519's private key is 32 random bytes: the JDK's generator, fed those bytes as its
      // randomness, answers the key pair they belong to (the JDK has no "public key of" call).
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
      KeyPair pair = generator.generateKeyPair();
      byte[] derived = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
      if (!Arrays.equals(derived, seed)) throw new IllegalStateException("key derivation failed");
      this.privateKey = pair.getPrivate();
      this.publicKey = pair.getPublic();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("tollgate-audit-mac-key:v1:".getBytes(StandardCharsets.UTF_8));
      this.macKey = sha.digest(seed);
      this.keyId =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()))
              .substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    }
  }

  /** A new random key (tests, and the file created on first start). */
  public static AuditKeys generate() {
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    return new AuditKeys(seed);
  }

  /** The key in {@code file}; with {@code create}, a new key is written there if it is missing. */
  public static AuditKeys load(Path file, boolean create) {
    try {
      if (create && !Files.exists(file)) {
        AuditKeys created = generate();
        if (created.write(file)) {
          log.info("Created the audit key {} (key id {})", file, created.keyId);
          return created;
        }
      }
      String pem = Files.readString(file, StandardCharsets.US_ASCII);
      warnIfReadableByOthers(file);
      return fromPem(pem, file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the audit key " + file, e);
    }
  }

  static AuditKeys fromPem(String pem, Object where) {
    int begin = pem.indexOf(BEGIN);
    int end = pem.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException(
          where
              + " holds no PEM private key; create one with"
              + " 'openssl genpkey -algorithm ed25519 -out <file>'");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end).strip());
    try {
      PrivateKey key =
          KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
      return new AuditKeys(((EdECPrivateKey) key).getBytes().orElseThrow());
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalStateException(where + " is not an Ed25519 private key", e);
    }
  }

  private boolean write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) Files.createDirectories(dir);
    try {
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
      }
    } catch (FileAlreadyExistsException someoneElse) {
      return false;
    }
    Files.writeString(file, privatePem(), StandardCharsets.US_ASCII);
    return true;
  }

  private static void warnIfReadableByOthers(Path file) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      if (p.contains(PosixFilePermission.GROUP_READ)
          || p.contains(PosixFilePermission.OTHERS_READ)) {
        log.warn("The audit key {} is readable by others than its owner: chmod 600 it", file);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: nothing to check
    }
  }

  private String privatePem() {
    return BEGIN + "\n" + base64Lines(privateKey.getEncoded()) + END + "\n";
  }

  /** The public key as PEM (SubjectPublicKeyInfo), for {@code openssl pkeyutl -verify}. */
  public String publicPem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + base64Lines(publicKey.getEncoded())
        + "-----END PUBLIC KEY-----\n";
  }

  private static String base64Lines(byte[] der) {
    return Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n";
  }

  /** The first 16 hex characters of the SHA-256 of the public key's DER encoding. */
  public String keyId() {
    return keyId;
  }

  public byte[] macKey() {
    return macKey.clone();
  }

  public String sign(String message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(privateKey);
      s.update(message.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean verify(String message, String signature) {
    try {
      byte[] bytes = Base64.getDecoder().decode(signature);
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(publicKey);
      s.update(message.getBytes(StandardCharsets.UTF_8));
      return s.verify(bytes);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  /** Answers the given bytes as its randomness: how a key pair is derived from its seed. */
  private static final class FixedRandom extends SecureRandom {
    private final byte[] bytes;

    FixedRandom(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      if (out.length != bytes.length) throw new IllegalStateException("unexpected request");
      System.arraycopy(bytes, 0, out, 0, out.length);
    }
  }
}
