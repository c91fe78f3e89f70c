package io.tollgate.cli;

import picocli.CommandLine.Option;

/** {@code -o table|json}, on every command that prints an answer. */
final class OutputOption {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "table|json",
      description = "table (default) for people, json for scripts: the server's JSON as it is")
  Format format = Format.table;
}
