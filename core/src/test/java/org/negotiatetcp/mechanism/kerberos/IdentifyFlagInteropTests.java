package org.negotiatetcp.mechanism.kerberos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.testsupport.JdkKerberos;
import org.negotiatetcp.testsupport.MitKdc;
import org.negotiatetcp.testsupport.PeerMode;
import org.negotiatetcp.testsupport.PeerProcess;
import org.negotiatetcp.testsupport.PeerRealm;
import org.negotiatetcp.testsupport.PeerTranscript;
import org.negotiatetcp.testsupport.PythonGssPeer;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our Kerberos client's rewritten authenticator against MIT krb5's acceptor (python3-gssapi, a real MIT KDC): at
 * identification level it carries {@code GSS_C_IDENTIFY_FLAG}, which MIT verifies (the authenticator is re-encrypted
 * with the ticket's session key) and reports in the context's flags, as it does for a Windows client at
 * {@code TokenImpersonationLevel.Identification}; at impersonation level the flag is absent. Raw Kerberos and the
 * optimistic Kerberos token inside SPNEGO's NegTokenInit (whose mechListMIC covers the mechanism list, not the token).
 */
@Tag("interop")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class IdentifyFlagInteropTests {

	@AutoClose
	private static PeerRealm realm;

	@BeforeAll
	static void startRealm() {
		if (MitKdc.isAvailable()) {
			realm = PeerRealm.start();
		}
	}

	@BeforeEach
	void useRealm() {
		Assumptions.assumeTrue(MitKdc.isAvailable(), MitKdc::unavailableReason);
		Assumptions.assumeTrue(PythonGssPeer.isAvailable(), PythonGssPeer::unavailableReason);
		JdkKerberos.useKrb5Conf(realm.kdc());
	}

	@ParameterizedTest(name = "our {0} client allowing {1} -> MIT acceptor sees identify={2}")
	@CsvSource({ "KERBEROS, IDENTIFICATION, true", "KERBEROS, IMPERSONATION, false", "SPNEGO, IDENTIFICATION, true",
			"SPNEGO, IMPERSONATION, false" })
	void mitAcceptorSeesTheIdentifyFlagOfOurClient(AuthPackage mechanism, ImpersonationLevel level, String identify) {
		try (PeerProcess peer = PythonGssPeer.server()
			.mechanism(mechanism)
			.mode(PeerMode.RAW)
			.environment(realm.kdc().env())
			.keytab(realm.keytab())
			.start()) {
			NegotiateChannelFactory factory = new NegotiateChannelFactory(
					ClientSettings.of(new ClientCredential.TicketCache(null, realm.ccache()))
						.withAuthPackage(mechanism)
						.withAllowedImpersonation(level));
			byte[] reply = factory.open(TestServer.address(ChannelMode.RAW, peer.port()))
				.flatMap((channel) -> channel.sendBytes("who am I".getBytes(StandardCharsets.UTF_8))
					.then(channel.receiveBytes().next())
					.flatMap((bytes) -> channel.close().thenReturn(bytes)))
				.block(Duration.ofSeconds(60));
			assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("who am I");
			PeerTranscript server = peer.awaitExit(Duration.ofSeconds(30)).requireSuccess();
			assertThat(server.authenticated()).containsEntry("peer", "alice@EXAMPLE.TEST")
				.containsEntry("mutual", "true")
				.containsEntry("identify", identify);
		}
	}

}
