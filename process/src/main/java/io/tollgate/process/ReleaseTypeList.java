package io.tollgate.process;

import static io.tollgate.process.Problems.show;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads which release types (patch, minor, major) an item of the process applies to. */
final class ReleaseTypeList {
  private ReleaseTypeList() {}

  /**
   * A list of release types; {@code absent} when the key is absent. An empty list is reported
   * unless {@code emptyAllowed}.
   */
  static Set<ReleaseType> read(
      YamlMapping fields, String key, Set<ReleaseType> absent, boolean emptyAllowed) {
    if (fields.value(key) == null || YamlNodes.isNull(fields.value(key))) {
      return absent;
    }
    List<Ref> refs = fields.refs(key, "release types (patch, minor, major)");
    Set<ReleaseType> types = EnumSet.noneOf(ReleaseType.class);
    for (Ref ref : refs) {
      Optional<ReleaseType> type = ReleaseType.parse(ref.value());
      if (type.isPresent() && type.get().id().equals(ref.value())) {
        types.add(type.get());
      } else {
        fields
            .problems()
            .add(
                ref.line(),
                "'"
                    + key
                    + "' of "
                    + fields.label()
                    + " names unknown release type "
                    + show(ref.value())
                    + "; use patch, minor or major");
      }
    }
    if (refs.isEmpty() && !emptyAllowed && fields.value(key) instanceof SequenceNode) {
      fields
          .problems()
          .add(
              fields.lineOf(key),
              "'"
                  + key
                  + "' of "
                  + fields.label()
                  + " is empty; name patch, minor and/or major, or leave it out to apply to every"
                  + " release type");
      return absent;
    }
    return types;
  }
}
