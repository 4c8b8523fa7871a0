package org.negotiatetcp.boot.test.kerberos;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.security.ProtectionLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link EmbeddedKerberos} on a plain JUnit test: a realm with the declared principals, injected, usable for a real
 * handshake with a keytab and with a password, and shared between classes with the same definition.
 */
@EmbeddedKerberos(realm = "KIT.TEST", users = { "alice", "carol:carol-password" }, services = "host/localhost")
class EmbeddedKerberosExtensionTests {

	@Test
	void realmHasTheDeclaredPrincipalsKeytabsAndProperties(KerberosRealm realm) throws Exception {
		assertThat(realm.name()).isEqualTo("KIT.TEST");
		assertThat(realm.principals()).containsExactly("alice", "host/localhost", "carol");
		assertThat(Files.size(realm.keytab("alice"))).isPositive();
		assertThat(Files.size(realm.keytab("host/localhost"))).isPositive();
		assertThat(realm.password("carol")).isEqualTo("carol-password");
		assertThatIllegalArgumentException().isThrownBy(() -> realm.keytab("carol")).withMessageContaining("carol");
		assertThat(System.getProperty("java.security.krb5.conf")).isEqualTo(realm.krb5Conf().toString());
		assertThat(Files.readString(realm.krb5Conf())).contains("KIT.TEST");
		assertThat(realm.properties()).containsEntry("negotiate.tcp.server.credential", "host-localhost")
			.containsEntry("negotiate.tcp.client.credential", "alice")
			.containsEntry("negotiate.tcp.credentials.host-localhost.principal", "host/localhost@KIT.TEST")
			.containsEntry("negotiate.tcp.credentials.alice.keytab", realm.keytab("alice").toString())
			.containsEntry("negotiate.tcp.credentials.carol.password", "carol-password")
			.containsEntry("negotiate.tcp.kerberos.krb5-conf", realm.krb5Conf().toString());
	}

	@Test
	void principalsAuthenticateWithKeytabAndWithPassword(KerberosRealm realm) {
		AcceptorSettings acceptor = new AcceptorSettings(
				KerberosServiceCredentials.load(new ServiceCredential(realm.keytab("host/localhost"), "host/localhost")),
				null, ProtectionLevel.ENCRYPT_AND_SIGN, false);
		DisposableNegotiateServer server = NegotiateServer
			.create(new ServerSettings(ChannelMode.RAW, Set.of(), acceptor, ChannelLimits.DEFAULTS),
					(channel) -> channel.send(channel.receive().map(ByteBuf::retain)))
			.bindNow();
		try {
			for (ClientCredential credential : new ClientCredential[] {
					new ClientCredential.Keytab(realm.principal("alice"), realm.keytab("alice")),
					new ClientCredential.Password(realm.principal("carol"), realm.password("carol").toCharArray()) }) {
				String peer = new NegotiateChannelFactory(ClientSettings.of(credential))
					.open("tcp://localhost:" + server.port())
					.flatMap((channel) -> channel.close().thenReturn(channel.securityInfo().peerName()))
					.block(Duration.ofSeconds(30));
				assertThat(peer).startsWith("host/localhost");
			}
		}
		finally {
			server.disposeNow(Duration.ofSeconds(5));
		}
	}

	@Nested
	class SameDefinition {

		@Test
		void sharesTheRunningKdc(KerberosRealm realm) {
			assertThat(realm).isSameAs(EmbeddedKerberosExtension.realm(OtherClassWithTheSameDefinition.class));
		}

	}

	@Test
	void anotherDefinitionGetsAnotherKdc(KerberosRealm realm) {
		KerberosRealm other = EmbeddedKerberosExtension.realm(OtherRealm.class);
		try {
			assertThat(other.name()).isEqualTo("OTHER.TEST");
			assertThat(other.kdcPort()).isNotEqualTo(realm.kdcPort());
		}
		finally {
			realm.makeCurrent();
		}
	}

	@EmbeddedKerberos(realm = "KIT.TEST", users = { "alice", "carol:carol-password" }, services = "host/localhost")
	static class OtherClassWithTheSameDefinition {

	}

	@EmbeddedKerberos(realm = "OTHER.TEST", services = "host/localhost")
	static class OtherRealm {

	}

}
