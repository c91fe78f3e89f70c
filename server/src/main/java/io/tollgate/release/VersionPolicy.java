package io.tollgate.release;

import io.tollgate.process.ReleaseType;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.Refused;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which version a new release of a product gets: proposed from its type, or checked when given.
 *
 * <p>Without a version: major → next major {@code .0.0}, minor → next minor {@code .0}, patch →
 * next patch of the highest version; a product's first release is {@code 1.0.0}, {@code 0.1.0} or
 * {@code 0.0.1}. A given version must be valid SemVer, unused, and agree with the type: a patch
 * raises the patch number within an existing major.minor line; a minor or major exceeds the highest
 * version (a minor keeps the major number, a major resets minor and patch).
 */
public final class VersionPolicy {
  private VersionPolicy() {}

  public static SemanticVersion next(ReleaseType type, Collection<SemanticVersion> existing) {
    Optional<SemanticVersion> highest = existing.stream().max(Comparator.naturalOrder());
    if (highest.isEmpty()) {
      return switch (type) {
        case MAJOR -> SemanticVersion.of(1, 0, 0);
        case MINOR -> SemanticVersion.of(0, 1, 0);
        case PATCH -> SemanticVersion.of(0, 0, 1);
      };
    }
    SemanticVersion h = highest.get();
    return switch (type) {
      case MAJOR -> h.nextMajor();
      case MINOR -> h.nextMinor();
      case PATCH -> h.nextPatch();
    };
  }

  /** Checks a version a person asked for; refuses with 422 (invalid) or 409 (already used). */
  public static SemanticVersion check(
      String requested, ReleaseType type, Collection<SemanticVersion> existing) {
    SemanticVersion v =
        SemanticVersion.parse(requested)
            .orElseThrow(
                () ->
                    Invalid.because(
                        "'"
                            + requested
                            + "' is not a semantic version: use MAJOR.MINOR.PATCH such as 2.0.0"
                            + " (optionally -prerelease and +build), without a 'v' prefix."));
    for (SemanticVersion e : existing) {
      if (e.compareTo(v) == 0) {
        throw Refused.because(
            "Version " + requested + " is already used by a release of this product.");
      }
    }
    Optional<SemanticVersion> highest = existing.stream().max(Comparator.naturalOrder());
    switch (type) {
      case PATCH -> {
        if (v.patch().signum() == 0) {
          throw Invalid.because(
              "A patch release raises the patch number: "
                  + requested
                  + " ends in .0; try "
                  + next(type, existing)
                  + ".");
        }
        if (highest.isPresent()) {
          Optional<SemanticVersion> lineHighest =
              existing.stream().filter(e -> e.sameLine(v)).max(Comparator.naturalOrder());
          if (lineHighest.isEmpty()) {
            throw Invalid.because(
                "A patch release stays within an existing major.minor line; this product has no "
                    + v.major()
                    + "."
                    + v.minor()
                    + ".x release. Try "
                    + next(type, existing)
                    + ".");
          }
          if (v.compareTo(lineHighest.get()) <= 0) {
            throw Invalid.because(
                "A patch release raises the patch number: "
                    + requested
                    + " is not above "
                    + lineHighest.get()
                    + ".");
          }
        }
      }
      case MINOR -> {
        if (v.patch().signum() != 0 || v.minor().signum() == 0) {
          throw Invalid.because(
              "A minor release has the form X.Y.0 with Y above 0; try "
                  + next(type, existing)
                  + ".");
        }
        highest.ifPresent(
            h -> {
              if (!v.major().equals(h.major()) || v.compareTo(h) <= 0) {
                throw Invalid.because(
                    "A minor release keeps the major version and exceeds the highest version "
                        + h
                        + "; try "
                        + next(type, existing)
                        + ".");
              }
            });
      }
      case MAJOR -> {
        if (v.patch().signum() != 0
            || v.minor().signum() != 0
            || v.major().equals(BigInteger.ZERO)) {
          throw Invalid.because(
              "A major release has the form X.0.0 with X above 0; try "
                  + next(type, existing)
                  + ".");
        }
        highest.ifPresent(
            h -> {
              if (v.compareTo(h) <= 0) {
                throw Invalid.because(
                    "A major release exceeds the highest version ("
                        + h
                        + "); try "
                        + next(type, existing)
                        + ".");
              }
            });
      }
    }
    return v;
  }
}
