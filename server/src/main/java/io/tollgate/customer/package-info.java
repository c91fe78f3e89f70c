/**
 * Customers, as support meets them after a release: issues customers report on a released release
 * (summary, severity, a link to the ticket), counted during monitoring, and a critical one
 * escalated to an incident with the playbook in one action.
 */
package io.tollgate.customer;
