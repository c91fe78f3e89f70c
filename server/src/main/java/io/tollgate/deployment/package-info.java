/**
 * Deployments per environment, the version each environment runs, and its last known-good release.
 */
package io.tollgate.deployment;
