/**
 * Environment automation: executors per product environment (a Standard Webhooks–signed POST to a
 * pipeline, or a command on the node), durable deployment jobs on db-scheduler, the per-deployment
 * callback. The root package holds the rules (no Spring in the records and policies); {@code
 * internal} the store, jobs and executors; {@code web} the API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Environment automation")
package io.tollgate.automation;
