package io.tollgate.automation.internal;

/**
 * What follows a deployment whose step was completed (auto-verify, auto-rollback, verification
 * after a rollback), run by the {@code deployment-follow-up} job; implemented by the module's root,
 * where those rules live. Running it again for the same deployment changes nothing.
 */
public interface FollowUp {
  void run(String deploymentId);
}
