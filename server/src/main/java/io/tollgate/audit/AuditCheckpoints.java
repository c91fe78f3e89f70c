package io.tollgate.audit;

import io.tollgate.audit.internal.AuditKeys;
import io.tollgate.audit.internal.AuditStore;
import io.tollgate.shared.Invalid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed checkpoints of the audit chain's head. One is written on a schedule (default every hour,
 * {@code TOLLGATE_AUDIT_CHECKPOINT_INTERVAL}) to a directory an auditor keeps ({@code
 * TOLLGATE_AUDIT_CHECKPOINT_DIR}, default {@code <data>/audit-checkpoints}), next to the public key
 * that verifies it; an administrator can ask for one at any time.
 */
@Service
public class AuditCheckpoints {
  private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final AuditStore store;
  private final AuditKeys keys;
  private final Clock clock;
  private final Path directory;
  private volatile long lastExported = -1;

  AuditCheckpoints(
      AuditStore store,
      AuditKeys keys,
      Clock clock,
      @Value("${tollgate.audit.checkpoint-dir:${tollgate.data-dir}/audit-checkpoints}")
          String directory) {
    this.store = store;
    this.keys = keys;
    this.clock = clock;
    this.directory = Path.of(directory);
  }

  /** A checkpoint of the chain's head as committed now, signed. */
  @Transactional(readOnly = true)
  public Checkpoint current() {
    AuditStore.Head head = store.head();
    String at = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    return new Checkpoint(
        head.seq(),
        head.hash(),
        at,
        keys.keyId(),
        keys.sign(Checkpoint.message(head.seq(), head.hash(), at)));
  }

  /** Whether the checkpoint was signed with this server's audit key, as it stands. */
  public boolean genuine(Checkpoint checkpoint) {
    return checkpoint.hash() != null
        && checkpoint.at() != null
        && checkpoint.signature() != null
        && keys.verify(checkpoint.message(), checkpoint.signature());
  }

  /** Refuses (422) a checkpoint that this server's audit key did not sign as it stands. */
  public void requireGenuine(Checkpoint checkpoint) {
    if (checkpoint.keyId() != null && !checkpoint.keyId().equals(keys.keyId())) {
      throw Invalid.because(
          "The checkpoint was signed with the key "
              + checkpoint.keyId()
              + ", not with this server's audit key "
              + keys.keyId()
              + ": verify it against the server that signed it, or check the key file.");
    }
    if (!genuine(checkpoint)) {
      throw Invalid.because(
          "The checkpoint's signature does not match its seq, hash and at: it was altered or"
              + " not signed with this server's audit key.");
    }
  }

  /** The public key that verifies checkpoints, as PEM. */
  public String publicKeyPem() {
    return keys.publicPem();
  }

  /** The public key that verifies checkpoints, with its id. */
  public AuditPublicKey publicKey() {
    return new AuditPublicKey(keys.keyId(), "Ed25519", keys.publicPem());
  }

  /** Writes a checkpoint of the head, unless this node wrote one of the same head already. */
  @Scheduled(
      fixedDelayString = "${tollgate.audit.checkpoint-interval:PT1H}",
      initialDelayString = "${tollgate.audit.checkpoint-initial-delay:PT1M}")
  void scheduled() {
    try {
      export();
    } catch (RuntimeException e) {
      log.warn("Could not export an audit checkpoint to {}: {}", directory, e.getMessage());
    }
  }

  /** Writes a checkpoint of the head to the directory; answers its file, or null if unchanged. */
  public Path export() {
    Checkpoint checkpoint = current();
    if (checkpoint.seq() == lastExported) return null;
    try {
      Files.createDirectories(directory);
      Path key = directory.resolve("audit-public-key-" + keys.keyId() + ".pem");
      if (!Files.exists(key)) write(key, keys.publicPem());
      Path file =
          directory.resolve(
              String.format(
                  "checkpoint-%012d-%s.json",
                  checkpoint.seq(), checkpoint.at().replace(":", "").replace("-", "")));
      write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(checkpoint) + "\n");
      lastExported = checkpoint.seq();
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write to " + directory + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
