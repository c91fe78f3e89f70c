/**
 * Demo data for a first start: one product, five people in the five roles, releases in several
 * states.
 */
package io.tollgate.demo;
