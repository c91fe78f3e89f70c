package io.tollgate.process;

/** A text read from the process file together with the 1-based line it stands on. */
record Ref(String value, int line) {}
