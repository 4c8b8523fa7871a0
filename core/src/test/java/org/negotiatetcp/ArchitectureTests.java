package org.negotiatetcp;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture of the core module, checked on its production classes: packages without cycles, no Spring, the
 * reactive runtime confined to {@code channel}, and protocol layers that know nothing of Netty's channels or of the
 * layers above them.
 */
@AnalyzeClasses(packages = "org.negotiatetcp", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String[] PROTOCOL_LAYERS = { "org.negotiatetcp.framing..", "org.negotiatetcp.stream..",
			"org.negotiatetcp.mechanism..", "org.negotiatetcp.identity..", "org.negotiatetcp.security.." };

	/** Every package, the base package {@code org.negotiatetcp} included, is a slice of its own. */
	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().assignedFrom(new EachPackage("org.negotiatetcp"))
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule coreIsFreeOfSpring = noClasses().that()
		.resideInAPackage("org.negotiatetcp..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework..")
		.because("core is the engine without Spring; Spring lives in the autoconfigure module");

	@ArchTest
	static final ArchRule reactorStaysInTheChannelPackage = noClasses().that()
		.resideInAPackage("org.negotiatetcp..")
		.and()
		.resideOutsideOfPackage("org.negotiatetcp.channel")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("reactor.netty..", "reactor.core..")
		.because("the reactive channel API is the only layer that runs on Reactor Netty");

	@ArchTest
	static final ArchRule protocolLayersAreFreeOfNettyChannels = noClasses().that()
		.resideInAnyPackage(PROTOCOL_LAYERS)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.netty.channel..", "io.netty.handler..", "io.netty.bootstrap..")
		.because("the protocol layers are pure: they read and write buffers and are driven by the channel layer");

	@ArchTest
	static final ArchRule protocolLayersDoNotDependOnTheLayersAbove = noClasses().that()
		.resideInAnyPackage(PROTOCOL_LAYERS)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.negotiatetcp.channel..", "org.negotiatetcp.observation..",
				"org.negotiatetcp.metrics..");

	@ArchTest
	static final ArchRule observationDoesNotKnowTheProtocolLayers = noClasses().that()
		.resideInAnyPackage("org.negotiatetcp.observation..", "org.negotiatetcp.metrics..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.negotiatetcp.framing..", "org.negotiatetcp.stream..", "org.negotiatetcp.mechanism..",
				"org.negotiatetcp.channel..")
		.because("a failure names its own outcome (NegotiateException.outcome()); observation needs no exception types");

	@ArchTest
	static final ArchRule wireFormatsStayInternal = classes().that()
		.resideInAnyPackage("org.negotiatetcp.mechanism.spnego", "org.negotiatetcp.mechanism.ntlm")
		.and()
		.haveSimpleNameStartingWith("Der")
		.or()
		.haveNameMatching(".*\\.(Ntlm(Negotiate|Challenge|Authenticate)Message|AvPairs?|NegotiateFlags|NtlmVersion)")
		.should()
		.notBePublic()
		.because("the DER codec and the NTLM messages are how the mechanisms work, not what users touch");

	/**
	 * Assigns each class below a root package to the slice of its own package.
	 */
	static final class EachPackage implements SliceAssignment {

		private final String root;

		EachPackage(String root) {
			this.root = root;
		}

		@Override
		public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
			String packageName = javaClass.getPackageName();
			if (packageName.equals(this.root) || packageName.startsWith(this.root + ".")) {
				return SliceIdentifier.of(packageName);
			}
			return SliceIdentifier.ignore();
		}

		@Override
		public String getDescription() {
			return "each package below " + this.root;
		}

	}


	/**
	 * The rules above analyse this module's production classes, not an empty or test-polluted import, so none of them
	 * passes vacuously.
	 */
	@ArchTest
	static void theRulesAnalyseTheProductionClasses(JavaClasses classes) {
		assertThat(classes.contain(org.negotiatetcp.channel.NegotiateServer.class)).isTrue();
		assertThat(classes.stream().map(JavaClass::getSimpleName)).doesNotContain("ArchitectureTests");
	}

}
