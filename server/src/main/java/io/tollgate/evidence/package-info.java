/**
 * The evidence pack of a release, for auditors: its requirements with evidence and signers, its
 * decisions with their snapshots, its deployments with their check results, its handoffs with their
 * waits, its incidents, and its audit events with the canonical form each hash covers, the chain's
 * head, a signed checkpoint of it and the verification of the chain at export time ({@link
 * io.tollgate.evidence.EvidencePacks}); and the offline check of such a pack ({@link
 * io.tollgate.evidence.EvidenceCheck}).
 */
package io.tollgate.evidence;
