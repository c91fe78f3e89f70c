/**
 * Incidents: opened on a failed deployment or a critical issue, they carry the process's playbook
 * as role-owned steps, a timeline, the rollback to the last known-good release, root cause and
 * action items.
 */
package io.tollgate.incident;
