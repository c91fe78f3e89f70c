package io.tollgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Keeps the architecture true: features are modules with no cycles that use each other only through
 * their root packages, and the domain (aggregates, rules, the process model) imports no Spring,
 * servlet, JSON or SQL types, so it is tested without Spring.
 */
class ModularityTests {
  static final ApplicationModules MODULES = ApplicationModules.of(TollgateApplication.class);

  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.tollgate");

  @Test
  void featuresAreModulesWithoutCyclesOrReachingIntoInternals() {
    MODULES.verify();
  }

  @Test
  void theDomainImportsNoFrameworkTypes() {
    ArchRule rule =
        noClasses()
            .that()
            .haveSimpleNameNotEndingWith("Management")
            .and()
            .doNotHaveSimpleName("package-info")
            .and()
            .resideInAnyPackage(
                "io.tollgate.release",
                "io.tollgate.incident",
                "io.tollgate.notes",
                "io.tollgate.shared",
                "io.tollgate.process")
            .and()
            .areNotAnnotatedWith(org.springframework.stereotype.Service.class)
            .and()
            .areNotAnnotatedWith(org.springframework.stereotype.Component.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.springframework..",
                "jakarta.servlet..",
                "tools.jackson..",
                "java.sql..",
                "javax.sql..")
            .because("rules live in the domain, which is tested without Spring");
    rule.check(CLASSES);
  }

  @Test
  void writesTheModuleDiagramForTheDocs() {
    new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
  }
}
