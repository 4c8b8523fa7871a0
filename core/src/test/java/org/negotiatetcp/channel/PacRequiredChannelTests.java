package org.negotiatetcp.channel;

import java.time.Duration;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.security.AuthorizationContext;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.stream.HandshakeErrorException;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server that requires a PAC ({@code KerberosServiceCredentials.requiringPac()}) refuses a client whose ticket has
 * none: the embedded Kerby KDC, like MIT, issues tickets without a PAC. Without the option the same client is accepted
 * with an empty authorization context.
 */
class PacRequiredChannelTests {

	@AutoClose
	private static EmbeddedRealm realm;

	@AutoClose
	private final TestServer server = new TestServer();

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	@Test
	void ticketWithoutAPacIsRefusedWhenAPacIsRequired() {
		AcceptorSettings acceptor = AcceptorSettings.kerberos(realm.serviceCredentials().requiringPac());
		this.server.echo(ChannelMode.NET_TCP, acceptor);
		assertThatThrownBy(() -> TestServer.roundTrip(aliceFactory(), this.server.address(ChannelMode.NET_TCP)))
			.isInstanceOfSatisfying(HandshakeErrorException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.POLICY));
		assertThat(this.server.seen()).isEmpty();
	}

	@Test
	void ticketWithoutAPacIsAcceptedWithAnEmptyContextByDefault() {
		AcceptorSettings acceptor = AcceptorSettings.kerberos(realm.serviceCredentials());
		this.server.echo(ChannelMode.NET_TCP, acceptor);
		assertThat(TestServer.roundTrip(aliceFactory(), this.server.address(ChannelMode.NET_TCP))).isEqualTo("ping");
		assertThat(this.server.seen()).singleElement().satisfies((SecurityInfo info) -> {
			assertThat(info.peerName()).startsWith("alice@");
			assertThat(info.authorizationContext()).isEqualTo(AuthorizationContext.none());
			// read from the authenticator's checksum: our client, at its default identification level, sets
			// GSS_C_IDENTIFY_FLAG as Windows SSPI does
			assertThat(info.impersonationLevel()).isEqualTo(ImpersonationLevel.IDENTIFICATION);
		});
	}

	private static NegotiateChannelFactory aliceFactory() {
		return new NegotiateChannelFactory(ClientSettings.of(realm.alice()));
	}

}
