/**
 * Releases: one version of a product going through its process. The {@link
 * io.tollgate.release.Release} aggregate holds every rule of the lifecycle; {@link
 * io.tollgate.release.ReleaseManagement} loads, calls, saves and records.
 */
package io.tollgate.release;
