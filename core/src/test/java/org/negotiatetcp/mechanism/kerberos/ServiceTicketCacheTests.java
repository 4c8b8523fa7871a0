package org.negotiatetcp.mechanism.kerberos;

import java.util.List;
import java.util.Set;

import javax.security.auth.kerberos.KerberosTicket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.test.kdc.EmbeddedKdcExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's service tickets are cached in its login: the second channel to a service does not ask the KDC again.
 */
class ServiceTicketCacheTests {

	@RegisterExtension
	static final EmbeddedKdcExtension kdc = EmbeddedKdcExtension.realm("EXAMPLE.COM")
		.withKeytab("service.keytab", "host/localhost", "host/other")
		.withKeytab("client.keytab", "alice");

	@Test
	void serviceTicketIsObtainedOncePerServiceAndReused() {
		KerberosClientCredentials credentials = new KerberosClientCredentials(
				new ClientCredential.Keytab("alice", kdc.get().file("client.keytab")));
		firstToken(credentials, "host/localhost");
		Set<KerberosTicket> afterFirst = Set.copyOf(credentials.subject().getPrivateCredentials(KerberosTicket.class));
		assertThat(serviceNames(afterFirst)).contains("host/localhost@" + kdc.get().realm());
		firstToken(credentials, "host/localhost");
		Set<KerberosTicket> afterSecond = Set.copyOf(credentials.subject().getPrivateCredentials(KerberosTicket.class));
		assertThat(afterSecond).as("no new ticket for the same service").isEqualTo(afterFirst);
		firstToken(credentials, "host/other");
		assertThat(serviceNames(credentials.subject().getPrivateCredentials(KerberosTicket.class)))
			.contains("host/localhost@" + kdc.get().realm(), "host/other@" + kdc.get().realm());
	}

	private static void firstToken(KerberosClientCredentials credentials, String spn) {
		try (GssMechanismContext context = GssMechanismContext.initiator(credentials, TargetName.spn(spn), true,
				ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION)) {
			assertThat(context.step(null)).isNotEmpty();
		}
	}

	private static List<String> serviceNames(Set<KerberosTicket> tickets) {
		return tickets.stream().map((ticket) -> ticket.getServer().getName()).toList();
	}

}
