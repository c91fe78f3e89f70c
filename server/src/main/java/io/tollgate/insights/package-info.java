/**
 * Delivery insights over a period, per product or across a person's products: the four DORA keys
 * (deployment frequency, lead time, change failure rate, time to restore) and the health of the
 * human process — how long steps, requirements and handoffs waited and on which role, no-go
 * decisions and their reasons, freeze overrides and cancelled releases. Read from the audit log and
 * the release and deployment tables, one period at a time.
 */
package io.tollgate.insights;
