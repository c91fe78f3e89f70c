package io.tollgate.audit.internal;

import io.tollgate.audit.AuditEvent;

/**
 * One row of {@code audit_events} as stored, with the form its hash was computed in and its MAC.
 */
public record StoredEvent(
    ChainForm.Fields fields, int form, String prevHash, String hash, String mac) {
  public long seq() {
    return fields.seq();
  }

  /** This row's hash recomputed after {@code prev}, as if it stood at {@code seq}. */
  String recompute(String prev, long seq) {
    return ChainForm.hash(form, prev, fields.withSeq(seq));
  }

  public AuditEvent event() {
    AuditStore.NewEvent f = fields.event();
    return new AuditEvent(
        fields.seq(),
        fields.at(),
        f.actor(),
        f.action(),
        f.subject(),
        f.release(),
        f.details(),
        prevHash,
        hash,
        f.actorKind(),
        f.product(),
        f.payloadVersion());
  }
}
