package io.tollgate;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModuleDependency;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps the architecture true: every feature package is a module, modules have no cycles and use
 * each other only through their root packages, the layers point one way, and the domain (every
 * feature's root package, apart from its Spring components) imports no Spring, servlet, JSON or SQL
 * types, so it is tested without Spring.
 */
class ModularityTests {
  static final ApplicationModules MODULES = ApplicationModules.of(TollgateApplication.class);

  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.tollgate");

  /** Modules nothing else may depend on: they sit on top (the web UI shell, the demo seeding). */
  static final Set<String> TOP = Set.of("demo", "ui");

  /** Modules that depend on no other module: what every feature may use. */
  static final Set<String> BOTTOM = Set.of("shared");

  /** Spring components (services, controllers, configuration) and the classes nested in them. */
  static final DescribedPredicate<JavaClass> SPRING_COMPONENTS =
      DescribedPredicate.describe("Spring components or nested in one", ModularityTests::component);

  private static boolean component(JavaClass c) {
    return c.isMetaAnnotatedWith(org.springframework.stereotype.Component.class)
        || c.getEnclosingClass().map(ModularityTests::component).orElse(false);
  }

  @Test
  void featuresAreModulesWithoutCyclesOrReachingIntoInternals() {
    MODULES.verify();
  }

  @Test
  void everyFeaturePackageIsAModule() {
    Set<String> features = new TreeSet<>();
    CLASSES.stream()
        .map(c -> c.getPackageName())
        .filter(p -> p.startsWith("io.tollgate."))
        .map(p -> p.substring("io.tollgate.".length()).split("\\.")[0])
        .filter(p -> !p.isEmpty())
        .forEach(features::add);
    Set<String> modules = new TreeSet<>();
    MODULES.forEach(m -> modules.add(m.getIdentifier().toString()));
    assertThat(modules).isEqualTo(features).contains("release", "incident", "identity", "audit");
  }

  @Test
  void theLayersPointOneWay() {
    Map<String, Set<String>> uses = new TreeMap<>();
    for (ApplicationModule module : MODULES) {
      Set<String> targets = new TreeSet<>();
      module.getDirectDependencies(MODULES).stream()
          .map(ApplicationModuleDependency::getTargetModule)
          .forEach(t -> targets.add(t.getIdentifier().toString()));
      targets.remove(module.getIdentifier().toString());
      uses.put(module.getIdentifier().toString(), targets);
    }
    uses.forEach(
        (module, targets) -> {
          assertThat(targets)
              .as("%s depends on the top modules", module)
              .doesNotContainAnyElementsOf(TOP);
          if (BOTTOM.contains(module)) {
            assertThat(targets).as("%s depends on no feature", module).isEmpty();
          }
        });
    assertThat(uses.get("release")).as("release uses the process model").contains("process");
  }

  /**
   * Framework types no feature's domain may use. One allowance, by package and stated here: the
   * audit log's events carry canonical JSON payloads, and its root package (AuditSentences,
   * AuditTimeline) reads them as JSON trees; Spring, servlet and SQL types stay out there too.
   */
  static final Map<String, List<String>> ALLOWED =
      Map.of("io.tollgate.audit", List.of("tools.jackson.."));

  static final List<String> FRAMEWORK =
      List.of(
          "org.springframework..",
          "jakarta.servlet..",
          "tools.jackson..",
          "java.sql..",
          "javax.sql..");

  @Test
  void theDomainImportsNoFrameworkTypes() {
    for (ApplicationModule module : MODULES) {
      String root = module.getBasePackage().getName();
      List<String> forbidden =
          FRAMEWORK.stream()
              .filter(p -> !ALLOWED.getOrDefault(root, List.of()).contains(p))
              .toList();
      ArchRule rule =
          noClasses()
              .that()
              .resideInAPackage(root)
              .and(not(SPRING_COMPONENTS))
              .should()
              .dependOnClassesThat(
                  resideInAnyPackage(forbidden.toArray(String[]::new))
                      // the module declarations of package-info: documentation, not behaviour
                      .and(not(resideInAPackage("org.springframework.modulith.."))))
              .because("rules live in the domain, which is tested without Spring")
              .allowEmptyShould(true);
      rule.check(CLASSES);
    }
  }
}
