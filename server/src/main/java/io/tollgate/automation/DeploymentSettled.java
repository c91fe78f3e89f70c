package io.tollgate.automation;

/** An ended deployment's step was completed (published after that transaction committed). */
public record DeploymentSettled(AutomatedDeployment deployment) {}
