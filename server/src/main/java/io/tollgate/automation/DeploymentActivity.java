package io.tollgate.automation;

/**
 * Something of an automated deployment changed on some node — a log line, a check result, its
 * status — as this node noticed it (a few times a second): open release pages show it at once.
 */
public record DeploymentActivity(String release, String deployment) {}
