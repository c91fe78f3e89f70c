/**
 * What every feature that calls out of Tollgate shares: Standard Webhooks signatures, secrets
 * sealed at rest, the check of outbound URLs and the outbound HTTP client.
 */
package io.tollgate.shared.outbound;
