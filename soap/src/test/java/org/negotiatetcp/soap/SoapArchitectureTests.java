package org.negotiatetcp.soap;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture of the soap module, on its production classes: packages without cycles, the codec free of the
 * channel, Reactor and Spring, Spring only in the Boot package.
 */
@AnalyzeClasses(packages = "org.negotiatetcp.soap", importOptions = ImportOption.DoNotIncludeTests.class)
class SoapArchitectureTests {

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().assignedFrom(new EachPackage())
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule theCodecStandsAlone = noClasses().that()
		.resideInAnyPackage("org.negotiatetcp.soap", "org.negotiatetcp.soap.binary")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.netty..", "reactor..", "org.springframework..", "org.negotiatetcp.channel..",
				"org.negotiatetcp.soap.session..", "org.negotiatetcp.soap.client..", "org.negotiatetcp.soap.service..",
				"org.negotiatetcp.soap.contract..", "org.negotiatetcp.soap.boot..")
		.because("the encoding is a codec on byte arrays, usable without the channel or Spring");

	@ArchTest
	static final ArchRule springStaysInTheBootPackage = noClasses().that()
		.resideInAPackage("org.negotiatetcp.soap..")
		.and()
		.resideOutsideOfPackage("org.negotiatetcp.soap.boot..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "org.negotiatetcp.boot..")
		.because("Spring and the starter are optional dependencies of this module");

	/**
	 * Each package below {@code org.negotiatetcp.soap} (itself included) is a slice.
	 */
	static final class EachPackage implements SliceAssignment {

		private static final String ROOT = "org.negotiatetcp.soap";

		@Override
		public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
			String packageName = javaClass.getPackageName();
			if (packageName.equals(ROOT) || packageName.startsWith(ROOT + ".")) {
				return SliceIdentifier.of(packageName);
			}
			return SliceIdentifier.ignore();
		}

		@Override
		public String getDescription() {
			return "each package below " + ROOT;
		}

	}


	/**
	 * The rules above analyse this module's production classes, not an empty or test-polluted import, so none of them
	 * passes vacuously.
	 */
	@ArchTest
	static void theRulesAnalyseTheProductionClasses(JavaClasses classes) {
		assertThat(classes.contain(org.negotiatetcp.soap.binary.BinaryXmlStreamReader.class)).isTrue();
		assertThat(classes.stream().map(JavaClass::getSimpleName)).doesNotContain("SoapArchitectureTests");
	}

}
