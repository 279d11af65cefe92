package io.warden.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule of {@link WardenRules}, applied to fixtures instead of Warden: it holds for a small
 * hexagon that keeps the rules, and reports the very class that breaks it in each violating set. A
 * rule that could not fail here would prove nothing in {@link WardenArchitectureTest}.
 */
class RulesCanFailTest {
  private static final String GOOD = "io.warden.archfixture.good";
  private static final String BAD = "io.warden.archfixture.bad.";
  private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

  private static JavaClasses classesOf(String root) {
    return IMPORTED.computeIfAbsent(root, pkg -> new ClassFileImporter().importPackages(pkg));
  }

  /** A rule, the fixture package that breaks it, and the classes that must be reported. */
  record Violation(
      String rule, Function<String, ArchRule> factory, String fixture, List<String> offenders) {
    @Override
    public String toString() {
      return rule + " <- " + fixture;
    }
  }

  static Stream<Violation> violations() {
    return Stream.of(
        new Violation("onion", WardenRules::onion, "domain_outward", List.of("domain.Order")),
        new Violation(
            "onion",
            WardenRules::onion,
            "adapter_to_adapter",
            List.of("adapter.driving.http.OrderRoutes")),
        new Violation(
            "onion",
            WardenRules::onion,
            "application_on_adapter",
            List.of("application.service.OrderLookup")),
        new Violation(
            "domain depends only on the JDK",
            WardenRules::domainDependsOnlyOnTheJdk,
            "domain_outward",
            List.of("domain.Order")),
        new Violation(
            "domain depends only on the JDK",
            WardenRules::domainDependsOnlyOnTheJdk,
            "domain_library",
            List.of("domain.Signature")),
        new Violation(
            "application depends only on domain and the JDK",
            WardenRules::applicationDependsOnlyOnDomainAndTheJdk,
            "application_on_adapter",
            List.of("application.service.OrderLookup")),
        new Violation(
            "adapters do not depend on each other",
            WardenRules::adaptersDoNotDependOnEachOther,
            "adapter_to_adapter",
            List.of("adapter.driving.http.OrderRoutes")),
        new Violation(
            "rings are free of cycles",
            WardenRules::ringsAreFreeOfCycles,
            "cycle",
            List.of("alpha.Alpha", "beta.Beta")),
        new Violation(
            "driving ports are named UseCase",
            WardenRules::useCasesAreNamedUseCase,
            "use_case_naming",
            List.of("application.port.driving.RenameOrder")),
        new Violation(
            "use-case services are final and named Service",
            WardenRules::useCaseServicesAreFinalAndNamedService,
            "service_shape",
            List.of(
                "application.service.ShipOrderHandler", "application.service.CancelOrderService")),
        new Violation(
            "core is framework free",
            WardenRules::coreIsFrameworkFree,
            "framework_in_core",
            List.of("application.port.driven.OrderConnections")),
        new Violation(
            "core uses java.time",
            WardenRules::coreUsesJavaTime,
            "legacy_time",
            List.of("domain.Deadline")),
        new Violation(
            "no standard streams",
            WardenRules::noStandardStreams,
            "coding",
            List.of("adapter.driven.redis.PrintingCache")),
        new Violation(
            "no generic exceptions",
            WardenRules::noGenericExceptions,
            "coding",
            List.of("adapter.driven.postgres.GenericFailure")),
        new Violation(
            "no java.util.logging outside bootstrap",
            WardenRules::noJavaUtilLoggingOutsideBootstrap,
            "coding",
            List.of("adapter.driving.http.JulLogging")),
        new Violation(
            "one logging API",
            WardenRules::oneLoggingApi,
            "coding",
            List.of("adapter.driven.postgres.Slf4jLogging")),
        new Violation(
            "driving adapters reach only driving ports",
            WardenRules::drivingAdaptersReachOnlyDrivingPorts,
            "driving_reaches_in",
            List.of("adapter.driving.http.OrderReport")),
        new Violation(
            "services are built only by the assembly",
            WardenRules::servicesAreBuiltOnlyByTheAssembly,
            "assembly_bypassed",
            List.of("bootstrap.OrderWiring")),
        new Violation(
            "services have no public constructor",
            WardenRules::servicesHaveNoPublicConstructor,
            "assembly_bypassed",
            List.of("application.service.PlaceOrderService")),
        new Violation(
            "driving ports expose no driven port",
            WardenRules::drivingPortsExposeNoDrivenPort,
            "driven_type_in_use_case",
            List.of("application.port.driving.FindOrderUseCase")),
        new Violation(
            "packages are null-marked",
            WardenRules::packagesAreNullMarked,
            "unmarked",
            List.of("domain.Ledger", "adapter.driven.postgres.LedgerRow")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void each_rule_reports_the_class_that_breaks_it(Violation violation) {
    String root = BAD + violation.fixture();
    assertThat(classesOf(root)).as("fixture classes of " + root).isNotEmpty();

    EvaluationResult result = violation.factory().apply(root).evaluate(classesOf(root));

    assertThat(result.hasViolation()).as(violation.rule() + " on " + root).isTrue();
    String report = String.join("\n", result.getFailureReport().getDetails());
    for (String offender : violation.offenders()) {
      assertThat(report).contains(root + "." + offender);
    }
  }

  static Stream<Arguments> rules() {
    return violations()
        .map(violation -> Arguments.of(violation.rule(), violation.factory()))
        .distinct()
        .collect(
            java.util.stream.Collectors.toMap(
                arguments -> (String) arguments.get()[0],
                arguments -> arguments,
                (first, second) -> first,
                java.util.LinkedHashMap::new))
        .values()
        .stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void each_rule_holds_for_a_hexagon_that_keeps_it(
      String rule, Function<String, ArchRule> factory) {
    EvaluationResult result = factory.apply(GOOD).evaluate(classesOf(GOOD));

    assertThat(result.getFailureReport().getDetails()).as(rule).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void every_rule_has_a_fixture_that_breaks_it() {
    assertThat(rules().count()).isEqualTo(18);
  }
}
