package org.negotiatetcp.mechanism.kerberos;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anonymous Kerberos clients (RFC 8062): a ticket for {@code WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS} (fully
 * anonymous) or {@code WELLKNOWN/ANONYMOUS@REALM} (partially anonymous) is an anonymous client, so that
 * {@code allow-anonymous-clients} applies to it as MIT krb5 (which compares the anonymous principal in any realm) and
 * Windows do. The JDK acceptor does not set the anonymity flag for such tickets, so the acceptor recognises the name;
 * {@link GssMechanismContext} reports {@code anonymous=true} for it. Tested at the level of the name mapping: the
 * embedded Kerby KDC the tests use cannot issue anonymous (PKINIT) tickets.
 */
class AnonymousKerberosNameTests {

	@Test
	void fullyAnonymousPrincipalIsAnonymous() {
		assertThat(KerberosNames.isAnonymous("WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS")).isTrue();
	}

	@Test
	void partiallyAnonymousPrincipalOfARealmIsAnonymous() {
		assertThat(KerberosNames.isAnonymous("WELLKNOWN/ANONYMOUS@EXAMPLE.COM")).isTrue();
		assertThat(KerberosNames.isAnonymous("WELLKNOWN/ANONYMOUS")).isTrue();
	}

	@Test
	void namedClientsAndLookAlikesAreNotAnonymous() {
		// Kerberos names are case-sensitive: a user may be called wellknown/anonymous in some realm
		assertThat(KerberosNames.isAnonymous("alice@EXAMPLE.COM")).isFalse();
		assertThat(KerberosNames.isAnonymous("wellknown/anonymous@EXAMPLE.COM")).isFalse();
		assertThat(KerberosNames.isAnonymous("WELLKNOWN/ANONYMOUS/x@EXAMPLE.COM")).isFalse();
		assertThat(KerberosNames.isAnonymous("anonymous@WELLKNOWN:ANONYMOUS")).isFalse();
	}

}
