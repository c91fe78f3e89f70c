/**
 * The release calendar: release windows across the products a person belongs to, with the conflicts
 * between them ({@link io.tollgate.calendar.ReleaseCalendar}), and a per-person iCalendar feed
 * behind a revocable token ({@link io.tollgate.calendar.CalendarFeeds}). It reads releases only
 * through {@link io.tollgate.release.ReleaseWindows}.
 */
package io.tollgate.calendar;
