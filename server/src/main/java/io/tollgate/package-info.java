/**
 * Tollgate, a release orchestration server. Each sub-package is one feature (application module).
 */
package io.tollgate;
