package io.tollgate.cli;

import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessError;
import io.tollgate.process.ProcessParser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tollgate process validate FILE}: the server's own checks, offline. */
@Command(
    name = "process",
    mixinStandardHelpOptions = true,
    description = "Work with process files (processes as code).",
    subcommands = ProcessCommand.Validate.class)
final class ProcessCommand {

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Check a process file offline, with the server's own rules.",
        "Prints every problem with its line (FILE:LINE: message) and exits 1 when there",
        "is any. Needs no server."
      })
  static final class Validate extends ApiCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "a process file (YAML)")
    Path file;

    @Override
    public Integer call() {
      String yaml = read(file);
      List<ProcessError> errors = ProcessParser.validate(yaml);
      if (json()) {
        ObjectNode answer = object().put("file", file.toString()).put("valid", errors.isEmpty());
        ArrayNode list = answer.putArray("errors");
        for (ProcessError e : errors)
          list.addObject().put("line", e.line()).put("message", e.message());
        if (errors.isEmpty()) {
          ProcessDefinition d = ProcessParser.parse(yaml);
          answer.put("id", d.id()).put("name", d.name());
        }
        printJson(answer);
      } else if (errors.isEmpty()) {
        ProcessDefinition d = ProcessParser.parse(yaml);
        out()
            .println(
                file
                    + ": valid — process "
                    + d.id()
                    + " ("
                    + d.roles().size()
                    + " roles, "
                    + d.requirements().size()
                    + " requirements, "
                    + d.steps().size()
                    + " steps, "
                    + d.handoffs().size()
                    + " handoffs)");
      } else {
        for (ProcessError e : errors) {
          out().println(file + ":" + (e.line() > 0 ? e.line() + ":" : "") + " " + e.message());
        }
        out().println(errors.size() + " problem(s) in " + file);
      }
      out().flush();
      return errors.isEmpty() ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    static String read(Path file) {
      try {
        if (Files.size(file) > ProcessParser.MAX_BYTES) {
          throw new CliException(
              ExitCodes.REFUSED,
              file
                  + " is larger than "
                  + ProcessParser.MAX_BYTES
                  + " bytes, the most a process file may be");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (CharacterCodingException e) {
        throw new CliException(ExitCodes.REFUSED, file + " is not UTF-8 text");
      } catch (java.nio.file.NoSuchFileException e) {
        throw new CliException(ExitCodes.USAGE, "No such file: " + file);
      } catch (IOException e) {
        throw new CliException(ExitCodes.USAGE, "Cannot read " + file + ": " + e.getMessage());
      }
    }
  }
}
