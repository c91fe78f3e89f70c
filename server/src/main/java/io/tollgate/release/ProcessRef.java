package io.tollgate.release;

/** The process version a release began with and keeps. */
public record ProcessRef(String id, int version) {}
