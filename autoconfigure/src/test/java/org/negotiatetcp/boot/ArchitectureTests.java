package org.negotiatetcp.boot;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture of the Spring Boot module, checked on its production classes: packages without cycles, and the
 * auto-configuration on top of the building blocks it wires.
 */
@AnalyzeClasses(packages = "org.negotiatetcp.boot", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/** Each package below {@code org.negotiatetcp.boot}, sub-packages included, is a slice of its own. */
	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("org.negotiatetcp.boot.(**)")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule buildingBlocksDoNotDependOnTheAutoConfiguration = noClasses().that()
		.resideInAPackage("org.negotiatetcp.boot..")
		.and()
		.resideOutsideOfPackage("org.negotiatetcp.boot.autoconfigure..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.negotiatetcp.boot.autoconfigure..")
		.because("the security bridge, the context and the health indicator are usable without auto-configuration");


	/**
	 * The rules above analyse this module's production classes, not an empty or test-polluted import, so none of them
	 * passes vacuously.
	 */
	@ArchTest
	static void theRulesAnalyseTheProductionClasses(JavaClasses classes) {
		assertThat(classes.contain(org.negotiatetcp.boot.autoconfigure.NegotiateServerAutoConfiguration.class)).isTrue();
		assertThat(classes.stream().map(JavaClass::getSimpleName)).doesNotContain("ArchitectureTests");
	}

}
