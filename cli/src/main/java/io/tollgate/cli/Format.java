package io.tollgate.cli;

/** How a command prints its answer: a table (or a line) for people, JSON for scripts. */
enum Format {
  table,
  json
}
