/**
 * Production freezes: one-off and recurring (an RFC 5545 RRULE) periods, for some products or all,
 * in which no release deploys to production (the rule is the release's {@code FreezePolicy}; this
 * feature provides its {@code FrozenPeriods}), and emergency overrides that a second release
 * manager approves. {@link Freezes#occurrences} is the query other features (the calendar) read.
 */
package io.tollgate.freeze;
