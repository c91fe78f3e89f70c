/**
 * Quality metrics: JUnit XML test reports attached to a release's requirement or step, summarised
 * (tests, failures, errors, skipped, duration, the failing tests) and kept for trends.
 */
package io.tollgate.quality;
