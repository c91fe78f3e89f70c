/**
 * Inbound integrations: GitHub webhooks per product (repository and secret, signature check,
 * de-duplicated deliveries with what each did) turning CI runs, deployments, pushes and merged pull
 * requests into release commands by the integration actor {@code github}.
 */
package io.tollgate.integration;
