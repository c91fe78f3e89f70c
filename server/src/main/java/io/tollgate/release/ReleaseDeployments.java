package io.tollgate.release;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tollgate.deployment.DeploymentManagement;
import io.tollgate.process.StepDef;
import io.tollgate.process.StepKind;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The deployments a release made, as its views list them, remembered by this node: every response
 * with a release lists them, and they change only when one of its deploy steps is completed. Each
 * completion of a deploy step records exactly one deployment and counts one more attempt of that
 * step in the release's own document ({@link Release#complete}), so what is remembered holds for a
 * release whose deploy steps count as many completions as it has deployments; any other is read
 * again. A release changed on another node is read there with its new revision, and so its new
 * count: nothing needs to be told. A list read while a later command recorded one more does not
 * match the count it was read for, and is not kept.
 */
@Component
public class ReleaseDeployments {
  private final DeploymentManagement deployments;
  private final Cache<String, List<DeploymentRecord>> made =
      Caffeine.newBuilder().maximumSize(20_000).build();

  ReleaseDeployments(DeploymentManagement deployments) {
    this.deployments = deployments;
  }

  /**
   * The deployments the release made, oldest first, from the deployments table (their one home),
   * each with the step that made it. At most one statement: it joins the caller's transaction, and
   * needs none of its own.
   */
  @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
  public List<DeploymentRecord> of(Release release) {
    String id = release.id().value();
    int expected = completedDeploySteps(release);
    List<DeploymentRecord> cached = made.getIfPresent(id);
    if (cached != null && cached.size() == expected) return cached;
    List<DeploymentRecord> read = read(release);
    if (read.size() == expected) made.put(id, read);
    return read;
  }

  /** How many times the release's deploy steps were completed: one deployment each. */
  static int completedDeploySteps(Release release) {
    int n = 0;
    for (StepState s : release.steps()) {
      boolean deploy =
          release.process().step(s.key()).map(d -> d.kind() == StepKind.DEPLOY).orElse(false);
      if (deploy) n += s.attempts();
    }
    return n;
  }

  private List<DeploymentRecord> read(Release release) {
    return deployments.ofRelease(release.id().value()).stream()
        .map(
            d ->
                new DeploymentRecord(
                    d.environment(),
                    d.version(),
                    Outcome.parse(d.outcome()).orElse(null),
                    d.by(),
                    d.at(),
                    release.process().deployStep(d.environment()).map(StepDef::key).orElse(null)))
        .toList();
  }
}
