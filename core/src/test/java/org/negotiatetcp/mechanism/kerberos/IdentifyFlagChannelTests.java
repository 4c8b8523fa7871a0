package org.negotiatetcp.mechanism.kerberos;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our client and our server over real sockets: the impersonation level the client allows reaches the server through
 * the authenticator's {@code GSS_C_IDENTIFY_FLAG}, as between Windows peers (an SSPI client at identification level
 * sets it, [MS-KILE] 3.2.5.2), raw Kerberos and inside SPNEGO, in both NegotiateStream modes.
 */
class IdentifyFlagChannelTests {

	@AutoClose
	private static EmbeddedRealm realm;

	@AutoClose
	private final TestServer server = new TestServer();

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	@ParameterizedTest(name = "{0} client allowing {1} over {2} -> server reports {1}")
	@CsvSource({ "SPNEGO, IDENTIFICATION, NET_TCP", "SPNEGO, IMPERSONATION, NET_TCP", "KERBEROS, IDENTIFICATION, RAW",
			"KERBEROS, IMPERSONATION, RAW" })
	void theServerReportsTheLevelTheClientAllowed(AuthPackage authPackage, ImpersonationLevel level, ChannelMode mode) {
		this.server.echo(mode, realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN));
		NegotiateChannelFactory client = new NegotiateChannelFactory(
				ClientSettings.of(realm.alice()).withAuthPackage(authPackage).withAllowedImpersonation(level));
		assertThat(TestServer.roundTrip(client, this.server.address(mode))).isEqualTo("ping");
		assertThat(this.server.seen()).singleElement().extracting(SecurityInfo::impersonationLevel).isEqualTo(level);
	}

}
