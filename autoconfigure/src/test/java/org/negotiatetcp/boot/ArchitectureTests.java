package org.negotiatetcp.boot;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

}
