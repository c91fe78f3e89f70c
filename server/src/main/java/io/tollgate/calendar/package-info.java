/**
 * The release calendar: release windows across the products a person belongs to, with the conflicts
 * between them ({@link io.tollgate.calendar.ReleaseCalendar}), and a per-person iCalendar feed
 * behind a revocable token ({@link io.tollgate.calendar.CalendarFeeds}). It reads releases only
 * through {@link io.tollgate.release.ReleaseWindows}; its page shows the production freezes of the
 * period ({@link io.tollgate.freeze.Freezes#occurrences}).
 */
package io.tollgate.calendar;
