package org.negotiatetcp.test.kdc;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EmbeddedKdcExtension}: a KDC per class, per test, or per JVM.
 */
class EmbeddedKdcExtensionTests {

	@RegisterExtension
	static final EmbeddedKdcExtension kdc = EmbeddedKdcExtension.realm("EXAMPLE.COM")
		.withUser("alice", "alice-password")
		.withKeytab("service.keytab", "host/localhost")
		.withKeytab("client.keytab", "alice", "bob");

	@Test
	void classRealmHasTheDeclaredPrincipalsAndIsInjected(EmbeddedKdc injected) throws Exception {
		assertThat(injected).isSameAs(kdc.get());
		assertThat(System.getProperty("java.security.krb5.conf")).isEqualTo(injected.krb5Conf().toString());
		assertThat(EmbeddedKdcTests.login("bob@EXAMPLE.COM", injected.file("client.keytab"), null).getPrincipals())
			.hasSize(1);
		assertThat(EmbeddedKdcTests.login("alice@EXAMPLE.COM", null, "alice-password").getPrincipals()).hasSize(1);
	}

	@Nested
	class PerTest {

		@RegisterExtension
		final EmbeddedKdcExtension perTest = EmbeddedKdcExtension.realm("PER.TEST").withUser("carol", "pw");

		@Test
		void instanceFieldGivesEachTestItsOwnRealm() throws Exception {
			assertThat(this.perTest.get().realm()).isEqualTo("PER.TEST");
			assertThat(this.perTest.get().port()).isNotEqualTo(kdc.get().port());
			assertThat(EmbeddedKdcTests.login("carol@PER.TEST", null, "pw").getPrincipals()).hasSize(1);
		}

	}

	@Nested
	class Shared {

		@Test
		void equalSetupsShareOneKdc() {
			RealmSetup setup = RealmSetup.of("shared.example").withKeytab("a.keytab", "a");
			EmbeddedKdc first = setup.shared();
			EmbeddedKdc second = RealmSetup.of("SHARED.EXAMPLE").withKeytab("a.keytab", "a").shared();
			assertThat(second).isSameAs(first);
			assertThat(RealmSetup.of("SHARED.EXAMPLE").withKeytab("b.keytab", "b").shared()).isNotSameAs(first);
			kdc.get().makeCurrent();
		}

	}

}
