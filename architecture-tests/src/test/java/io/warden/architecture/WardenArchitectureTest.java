package io.warden.architecture;

import static io.warden.architecture.WardenRules.WARDEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import java.util.ArrayList;
import java.util.List;

/** The rules of {@link WardenRules}, checked against every Warden module on the classpath. */
@AnalyzeClasses(
    packages = WARDEN,
    importOptions = {
      ImportOption.DoNotIncludeTests.class,
      WardenArchitectureTest.ExcludeFixtures.class
    })
class WardenArchitectureTest {

  // Rules are @ArchTest methods, not fields: Surefire 3.5.3 (the parent's version) silently skips
  // @ArchTest fields (TNG/ArchUnit#1442), which would turn every rule into a test that never runs.

  @ArchTest
  static void hexagon_is_an_onion(JavaClasses classes) {
    WardenRules.onion(WARDEN).check(classes);
  }

  @ArchTest
  static void domain_depends_only_on_the_jdk(JavaClasses classes) {
    WardenRules.domainDependsOnlyOnTheJdk(WARDEN).check(classes);
  }

  @ArchTest
  static void application_depends_only_on_domain_and_the_jdk(JavaClasses classes) {
    WardenRules.applicationDependsOnlyOnDomainAndTheJdk(WARDEN).check(classes);
  }

  @ArchTest
  static void adapters_do_not_depend_on_each_other(JavaClasses classes) {
    WardenRules.adaptersDoNotDependOnEachOther(WARDEN).check(classes);
  }

  @ArchTest
  static void rings_are_free_of_cycles(JavaClasses classes) {
    WardenRules.ringsAreFreeOfCycles(WARDEN).check(classes);
  }

  @ArchTest
  static void driving_ports_are_named_use_case(JavaClasses classes) {
    WardenRules.useCasesAreNamedUseCase(WARDEN).check(classes);
  }

  @ArchTest
  static void use_case_services_are_final_and_named_service(JavaClasses classes) {
    WardenRules.useCaseServicesAreFinalAndNamedService(WARDEN).check(classes);
  }

  @ArchTest
  static void core_is_framework_free(JavaClasses classes) {
    WardenRules.coreIsFrameworkFree(WARDEN).check(classes);
  }

  @ArchTest
  static void core_uses_java_time(JavaClasses classes) {
    WardenRules.coreUsesJavaTime(WARDEN).check(classes);
  }

  @ArchTest
  static void no_standard_streams(JavaClasses classes) {
    WardenRules.noStandardStreams(WARDEN).check(classes);
  }

  @ArchTest
  static void no_generic_exceptions(JavaClasses classes) {
    WardenRules.noGenericExceptions(WARDEN).check(classes);
  }

  @ArchTest
  static void no_java_util_logging_outside_bootstrap(JavaClasses classes) {
    WardenRules.noJavaUtilLoggingOutsideBootstrap(WARDEN).check(classes);
  }

  @ArchTest
  static void one_logging_api(JavaClasses classes) {
    WardenRules.oneLoggingApi(WARDEN).check(classes);
  }

  @ArchTest
  static void driving_adapters_reach_only_driving_ports(JavaClasses classes) {
    WardenRules.drivingAdaptersReachOnlyDrivingPorts(WARDEN).check(classes);
  }

  @ArchTest
  static void services_are_built_only_by_the_assembly(JavaClasses classes) {
    WardenRules.servicesAreBuiltOnlyByTheAssembly(WARDEN).check(classes);
  }

  @ArchTest
  static void services_have_no_public_constructor(JavaClasses classes) {
    WardenRules.servicesHaveNoPublicConstructor(WARDEN).check(classes);
  }

  @ArchTest
  static void driving_ports_expose_no_driven_port(JavaClasses classes) {
    WardenRules.drivingPortsExposeNoDrivenPort(WARDEN).check(classes);
  }

  @ArchTest
  static void packages_are_null_marked(JavaClasses classes) {
    WardenRules.packagesAreNullMarked(WARDEN).check(classes);
  }

  /**
   * Every rule above passes trivially for a module that is missing from the classpath, so this
   * check makes a missing ring or adapter a failure of its own.
   */
  @ArchTest
  static void every_ring_and_adapter_is_on_the_classpath(JavaClasses classes) {
    List<String> expected = new ArrayList<>();
    expected.add(WARDEN + ".domain");
    expected.add(WARDEN + ".application");
    for (String adapter : WardenRules.ADAPTERS) {
      expected.add(WARDEN + ".adapter." + adapter);
    }
    expected.add(WARDEN + ".bootstrap");

    List<String> missing =
        expected.stream()
            .filter(
                pkg ->
                    classes.stream()
                        .map(JavaClass::getPackageName)
                        .noneMatch(name -> name.equals(pkg) || name.startsWith(pkg + ".")))
            .toList();

    assertThat(missing)
        .as("packages with no classes on the classpath (module not built or not a dependency)")
        .isEmpty();
  }

  /** The violating fixtures live in this module's test classes and are checked on their own. */
  static final class ExcludeFixtures implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/io/warden/archfixture/");
    }
  }
}
