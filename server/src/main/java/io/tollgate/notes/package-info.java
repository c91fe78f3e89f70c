/**
 * Release notes: fields owned by roles, completeness by release type, rendering from the template.
 */
package io.tollgate.notes;
