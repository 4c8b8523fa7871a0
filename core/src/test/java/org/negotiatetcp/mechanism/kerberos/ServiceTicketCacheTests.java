package org.negotiatetcp.mechanism.kerberos;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.security.auth.kerberos.KerberosTicket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedKdc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's service tickets are cached in its login: the second channel to a service does not ask the KDC again.
 */
class ServiceTicketCacheTests {

	private static EmbeddedKdc kdc;

	private static Path clientKeytab;

	@BeforeAll
	static void start() {
		kdc = EmbeddedKdc.start();
		kdc.keytab("service.keytab", "host/localhost", "host/other");
		clientKeytab = kdc.keytab("client.keytab", "alice");
	}

	@AfterAll
	static void stop() {
		kdc.close();
	}

	@Test
	void serviceTicketIsObtainedOncePerServiceAndReused() {
		KerberosClientCredentials credentials = new KerberosClientCredentials(
				new ClientCredential.Keytab("alice", clientKeytab));
		firstToken(credentials, "host/localhost");
		Set<KerberosTicket> afterFirst = Set.copyOf(credentials.subject().getPrivateCredentials(KerberosTicket.class));
		assertThat(serviceNames(afterFirst)).contains("host/localhost@" + kdc.realm());
		firstToken(credentials, "host/localhost");
		Set<KerberosTicket> afterSecond = Set.copyOf(credentials.subject().getPrivateCredentials(KerberosTicket.class));
		assertThat(afterSecond).as("no new ticket for the same service").isEqualTo(afterFirst);
		firstToken(credentials, "host/other");
		assertThat(serviceNames(credentials.subject().getPrivateCredentials(KerberosTicket.class)))
			.contains("host/localhost@" + kdc.realm(), "host/other@" + kdc.realm());
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
