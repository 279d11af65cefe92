package io.warden.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.elements.GivenCodeUnitsConjunction;
import java.text.DateFormat;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.jspecify.annotations.NullMarked;

/**
 * Warden's architecture rules, built for a root package so the same rule checks the real code
 * ({@link #WARDEN}) and the fixtures that prove it can fail.
 */
final class WardenRules {
  static final String WARDEN = "io.warden";

  /** The adapter packages, one per technology, as {@code name -> package below root.adapter}. */
  static final List<String> ADAPTERS =
      List.of(
          "driving.http",
          "driven.postgres",
          "driven.security",
          "driven.infinispan",
          "driven.redis",
          "driven.metrics");

  /**
   * JSpecify's nullness annotations, the one package the core rings use besides the JDK: they
   * declare what may be null for the compiler (NullAway), and no code of theirs runs.
   */
  static final String NULLNESS_ANNOTATIONS = "org.jspecify.annotations..";

  /** Types that belong to a framework or a driver, never to the core rings. */
  static final String[] FRAMEWORK_PACKAGES = {
    "io.helidon..",
    "io.lettuce..",
    "org.infinispan..",
    "org.apache.ibatis..",
    "java.sql..",
    "javax.sql..",
    "com.fasterxml..",
    "jakarta..",
    "org.postgresql..",
    "com.zaxxer..",
    "liquibase..",
    "io.github.resilience4j..",
    "io.micrometer..",
    "io.prometheus..",
    "org.HdrHistogram.."
  };

  private WardenRules() {}

  static ArchRule onion(String root) {
    var onion =
        onionArchitecture()
            .domainModels(root + ".domain..")
            .applicationServices(root + ".application..");
    for (String adapter : ADAPTERS) {
      onion = onion.adapter(adapter, root + ".adapter." + adapter + "..");
    }
    return onion
        // bootstrap is the one place that sees every ring: it wires them
        .ignoreDependency(resideInAPackage(root + ".bootstrap.."), alwaysTrue())
        // a ring with no classes yet is reported by the completeness check, not here
        .withOptionalLayers(true)
        .because(
            "dependencies point inwards: adapters -> application -> domain, so a new adapter "
                + "implements ports and touches nothing else (docs/architecture.md)");
  }

  static ArchRule domainDependsOnlyOnTheJdk(String root) {
    return classes()
        .that()
        .resideInAPackage(root + ".domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(root + ".domain..", "java..", NULLNESS_ANNOTATIONS)
        .because("the domain is pure Java: the RBAC model and its rules depend on nothing");
  }

  static ArchRule applicationDependsOnlyOnDomainAndTheJdk(String root) {
    return classes()
        .that()
        .resideInAPackage(root + ".application..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            root + ".application..", root + ".domain..", "java..", NULLNESS_ANNOTATIONS)
        .because("use cases reach the outside world only through their own ports");
  }

  static ArchRule adaptersDoNotDependOnEachOther(String root) {
    return slices()
        .matching(root + ".adapter.(*).(*)..")
        .namingSlices("adapter $1.$2")
        .should()
        .notDependOnEachOther()
        .because(
            "adapters meet only through application ports and bootstrap wiring, so each "
                + "technology can be replaced alone");
  }

  static ArchRule ringsAreFreeOfCycles(String root) {
    return slices()
        .matching(root + ".(*)..")
        .namingSlices("ring $1")
        .should()
        .beFreeOfCycles()
        .because("a cycle between rings would make them one module in disguise");
  }

  static ArchRule useCasesAreNamedUseCase(String root) {
    return classes()
        .that()
        .resideInAPackage(root + ".application.port.driving..")
        .and()
        .areInterfaces()
        .and()
        .areNotAnnotations()
        .and()
        .areTopLevelClasses()
        // package-info compiles to a synthetic interface
        .and()
        .doNotHaveSimpleName("package-info")
        .should()
        .haveSimpleNameEndingWith("UseCase")
        .because("a driving port is a use case and says so (XxxUseCase, served by XxxService)");
  }

  static ArchRule useCaseServicesAreFinalAndNamedService(String root) {
    return classes()
        .that()
        .resideInAPackage(root + ".application.service..")
        .and()
        .implement(simpleNameEndingWith("UseCase"))
        .should()
        .haveSimpleNameEndingWith("Service")
        .andShould()
        .haveModifier(JavaModifier.FINAL)
        .because(
            "one final XxxService per use case: behaviour is changed by decorating the port, "
                + "not by subclassing the service");
  }

  static ArchRule coreIsFrameworkFree(String root) {
    return noClasses()
        .that()
        .resideInAnyPackage(root + ".domain..", root + ".application..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FRAMEWORK_PACKAGES)
        .because(
            "no framework type (Helidon, Lettuce, Infinispan, MyBatis, JDBC, JSON) may appear "
                + "in domain or application");
  }

  static ArchRule coreUsesJavaTime(String root) {
    return noClasses()
        .that()
        .resideInAnyPackage(root + ".domain..", root + ".application..")
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(
            Date.class,
            Calendar.class,
            TimeZone.class,
            DateFormat.class,
            java.sql.Date.class,
            java.sql.Time.class,
            java.sql.Timestamp.class)
        .because("time is java.time, injected through a Clock, so tests can move it");
  }

  static ArchRule noStandardStreams(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .should(ACCESS_STANDARD_STREAMS)
        .because("output goes through System.Logger, never System.out/err");
  }

  static ArchRule noGenericExceptions(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .should(THROW_GENERIC_EXCEPTIONS)
        .because(
            "errors are mapped to problem+json in one place by type: a bare RuntimeException "
                + "or Exception can only become a 500");
  }

  static ArchRule noJavaUtilLoggingOutsideBootstrap(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackage(root + ".bootstrap..")
        .should(USE_JAVA_UTIL_LOGGING)
        .because(
            "code logs through System.Logger; only bootstrap may configure the "
                + "java.util.logging backend it ends up in");
  }

  /**
   * One logging API: {@code System.Logger}. It is in the JDK, so the framework-free core may log
   * too, and it was already what most modules used; the libraries' own SLF4J output reaches the
   * same backend through the binding bootstrap puts on the class path.
   */
  static ArchRule oneLoggingApi(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.slf4j..")
        .because(
            "Warden logs through one API, System.Logger (JDK, usable in the framework-free core);"
                + " SLF4J is left to the libraries");
  }

  /**
   * A driving adapter calls use cases through their ports ({@code DrivingPorts}) and nothing else,
   * so a second adapter needs no more than the first, and the services stay free to change.
   */
  static ArchRule drivingAdaptersReachOnlyDrivingPorts(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + ".adapter.driving..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(root + ".application.port.driven..", root + ".application.service..")
        .because(
            "a driving adapter reaches the application through port.driving alone (DrivingPorts,"
                + " sealed results, Failure): what it needs from a service belongs in a use case");
  }

  /** The constructors of the services that implement a use case. */
  private static GivenCodeUnitsConjunction<JavaConstructor> useCaseServiceConstructors(
      String root) {
    return constructors()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage(root + ".application.service..")
        .and()
        .areDeclaredInClassesThat()
        .implement(simpleNameEndingWith("UseCase"));
  }

  static ArchRule servicesAreBuiltOnlyByTheAssembly(String root) {
    return useCaseServiceConstructors(root)
        .should()
        .onlyBeCalled()
        .byClassesThat()
        .haveSimpleName("Services")
        .because(
            "Services.assemble builds every use case once, for bootstrap and the in-memory test"
                + " world alike: a service built anywhere else would be wired differently");
  }

  static ArchRule servicesHaveNoPublicConstructor(String root) {
    return useCaseServiceConstructors(root)
        .should()
        .notBePublic()
        .because(
            "the compiler keeps the assembly the only builder even where this rule does not look"
                + " (tests, modules outside the analysis)");
  }

  static ArchRule drivingPortsExposeNoDrivenPort(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + ".application.port.driving..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(root + ".application.port.driven..")
        .because(
            "a use case speaks in domain and driving-port types: a driven type in its signature"
                + " would tie every driving adapter to the driven side");
  }

  /**
   * Every package declares its nullness: NullAway (in the compile of main code) checks only
   * {@code @NullMarked} code, so a package without it would let nulls through unchecked.
   */
  static ArchRule packagesAreNullMarked(String root) {
    return classes()
        .that()
        .resideInAPackage(root + "..")
        .should(
            new ArchCondition<JavaClass>("reside in a @NullMarked package") {
              @Override
              public void check(JavaClass javaClass, ConditionEvents events) {
                if (!javaClass.getPackage().isAnnotatedWith(NullMarked.class)) {
                  events.add(
                      SimpleConditionEvent.violated(
                          javaClass,
                          javaClass.getName()
                              + ": package "
                              + javaClass.getPackageName()
                              + " is not @NullMarked"));
                }
              }
            })
        .because(
            "a value is non-null unless it says @Nullable, and the compiler proves it only in "
                + "@NullMarked code");
  }
}
