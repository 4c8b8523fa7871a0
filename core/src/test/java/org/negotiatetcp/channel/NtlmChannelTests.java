package org.negotiatetcp.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.mechanism.ntlm.NtlmCredential;
import org.negotiatetcp.mechanism.ntlm.NtlmInitiatorContext;
import org.negotiatetcp.mechanism.ntlm.NtlmInitiatorOptions;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.stream.HandshakeErrorException;
import org.negotiatetcp.stream.HandshakeErrorPayload;
import org.negotiatetcp.stream.HandshakeMessage;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.SocketPeer;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.negotiatetcp.ChannelMode;

/**
 * NTLM over real sockets: raw NTLM, NTLM inside SPNEGO and SPNEGO falling back to NTLM, each mode and protection
 * level, and the NTLM policies (server authentication, anonymous clients).
 */
class NtlmChannelTests {

	@AutoClose
	private static EmbeddedRealm realm;

	@AutoClose
	private final TestServer server = new TestServer();

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	private void start(ChannelMode mode, ProtectionLevel required, boolean allowAnonymous) {
		InMemoryNtlmAccountStore accounts = new InMemoryNtlmAccountStore().add("EXAMPLE", "bob",
				"bob-pw1".toCharArray());
		AcceptorSettings acceptor = AcceptorSettings
			.kerberos(KerberosServiceCredentials.load(realm.serviceKeytab(), "host/localhost"))
			.withNtlm(accounts)
			.requiring(required);
		this.server.echo(mode, allowAnonymous ? acceptor.allowingAnonymousClients() : acceptor);
	}

	private static NegotiateChannelFactory bob(AuthPackage authPackage, ProtectionLevel protection) {
		return new NegotiateChannelFactory(
				ClientSettings.of(ClientCredential.password("EXAMPLE\\bob", "bob-pw1".toCharArray()))
					.withAuthPackage(authPackage)
					.withRequireServerAuth(false)
					.withProtectionLevel(protection));
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@CsvSource({ "NTLM, NET_TCP, ENCRYPT_AND_SIGN", "NTLM, NET_TCP, SIGN", "NTLM, RAW, ENCRYPT_AND_SIGN",
			"NTLM, RAW, SIGN", "SPNEGO, NET_TCP, ENCRYPT_AND_SIGN", "SPNEGO, NET_TCP, SIGN",
			"SPNEGO, RAW, ENCRYPT_AND_SIGN", "SPNEGO, RAW, SIGN" })
	void ntlmAuthenticatesAndProtectsMessages(AuthPackage authPackage, ChannelMode mode, ProtectionLevel protection) {
		// bob has no Kerberos principal: SPNEGO falls back to NTLM because require-server-auth is false
		start(mode, ProtectionLevel.SIGN, false);
		assertThat(TestServer.roundTrip(bob(authPackage, protection), this.server.address(mode))).isEqualTo("ping");
		assertThat(this.server.seen()).singleElement().satisfies((info) -> {
			assertThat(info.peerName()).isEqualTo("EXAMPLE\\bob");
			assertThat(info.mechanism()).isEqualTo(Mechanism.NTLM);
			assertThat(info.authPackage()).isEqualTo(authPackage);
			assertThat(info.protectionLevel()).isEqualTo(protection);
			assertThat(info.mutuallyAuthenticated()).isFalse();
			assertThat(info.impersonationLevel()).isEqualTo(ImpersonationLevel.IDENTIFICATION);
		});
	}

	@Test
	void clientSeesThatNtlmDidNotAuthenticateTheServer() {
		start(ChannelMode.NET_TCP, ProtectionLevel.ENCRYPT_AND_SIGN, false);
		SecurityInfo info = bob(AuthPackage.NTLM, ProtectionLevel.ENCRYPT_AND_SIGN)
			.open(this.server.address(ChannelMode.NET_TCP))
			.flatMap((channel) -> channel.close().thenReturn(channel.securityInfo()))
			.block(Duration.ofSeconds(30));
		assertThat(info.mechanism()).isEqualTo(Mechanism.NTLM);
		assertThat(info.mutuallyAuthenticated()).isFalse();
		assertThat(info.targetName()).isEqualTo("host/localhost");
	}

	@Test
	void ntlmPackageIsRefusedWhileServerAuthenticationIsRequired() {
		start(ChannelMode.NET_TCP, ProtectionLevel.ENCRYPT_AND_SIGN, false);
		NegotiateChannelFactory strict = new NegotiateChannelFactory(
				ClientSettings.of(ClientCredential.password("EXAMPLE\\bob", "bob-pw1".toCharArray()))
					.withAuthPackage(AuthPackage.NTLM));
		assertThatThrownBy(() -> TestServer.roundTrip(strict, this.server.address(ChannelMode.NET_TCP)))
			.isInstanceOfSatisfying(NegotiateException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.POLICY))
			.hasMessageContaining("require-server-auth");
		assertThat(this.server.seen()).isEmpty();
	}

	@Test
	void spnegoDoesNotSilentlyDowngradeToNtlmWhileServerAuthenticationIsRequired() {
		start(ChannelMode.NET_TCP, ProtectionLevel.ENCRYPT_AND_SIGN, false);
		NegotiateChannelFactory strict = new NegotiateChannelFactory(
				ClientSettings.of(ClientCredential.password("EXAMPLE\\bob", "bob-pw1".toCharArray())));
		assertThatThrownBy(() -> TestServer.roundTrip(strict, this.server.address(ChannelMode.NET_TCP)))
			.isInstanceOfSatisfying(NegotiateException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.POLICY))
			.hasMessageContaining("require-server-auth");
	}

	@Test
	void wrongPasswordIsRefusedWithLogonDenied() {
		start(ChannelMode.NET_TCP, ProtectionLevel.ENCRYPT_AND_SIGN, false);
		NegotiateChannelFactory wrong = new NegotiateChannelFactory(
				ClientSettings.of(ClientCredential.password("EXAMPLE\\bob", "nope".toCharArray()))
					.withAuthPackage(AuthPackage.NTLM)
					.withRequireServerAuth(false));
		assertThatThrownBy(() -> TestServer.roundTrip(wrong, this.server.address(ChannelMode.NET_TCP)))
			.isInstanceOfSatisfying(HandshakeErrorException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo(HandshakeErrorPayload.SEC_E_LOGON_DENIED));
	}

	@Test
	void unknownUserIsRefusedWithLogonDenied() {
		start(ChannelMode.RAW, ProtectionLevel.ENCRYPT_AND_SIGN, false);
		NegotiateChannelFactory stranger = new NegotiateChannelFactory(
				ClientSettings.of(ClientCredential.password("EXAMPLE\\mallory", "x".toCharArray()))
					.withAuthPackage(AuthPackage.NTLM)
					.withRequireServerAuth(false));
		assertThatThrownBy(() -> TestServer.roundTrip(stranger, this.server.address(ChannelMode.RAW)))
			.isInstanceOfSatisfying(HandshakeErrorException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo(HandshakeErrorPayload.SEC_E_LOGON_DENIED));
	}

	@Test
	void anonymousClientIsRefusedByDefault() {
		start(ChannelMode.NET_TCP, ProtectionLevel.ENCRYPT_AND_SIGN, false);
		NegotiateChannelFactory anonymous = new NegotiateChannelFactory(
				ClientSettings.of(ClientCredential.anonymous()).withAuthPackage(AuthPackage.NTLM)
					.withRequireServerAuth(false));
		assertThatThrownBy(() -> TestServer.roundTrip(anonymous, this.server.address(ChannelMode.NET_TCP)))
			.isInstanceOfSatisfying(HandshakeErrorException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo(HandshakeErrorPayload.ERROR_TRUST_FAILURE));
		assertThat(this.server.seen()).isEmpty();
	}

	@Test
	void anonymousClientIsAcceptedWhenAllowedAndReportedAsAnonymousWithProtectionNone() {
		// the anonymous session key is all zeros (public): like Samba, which clears SIGN and SEAL for anonymous
		// logons, the session is reported and run at protection level None
		start(ChannelMode.NET_TCP, ProtectionLevel.NONE, true);
		NegotiateChannelFactory anonymous = new NegotiateChannelFactory(
				ClientSettings.of(ClientCredential.anonymous()).withAuthPackage(AuthPackage.NTLM)
					.withRequireServerAuth(false)
					.withProtectionLevel(ProtectionLevel.NONE));
		assertThat(TestServer.roundTrip(anonymous, this.server.address(ChannelMode.NET_TCP))).isEqualTo("ping");
		assertThat(this.server.seen()).singleElement().satisfies((info) -> {
			assertThat(info.anonymous()).isTrue();
			assertThat(info.impersonationLevel()).isEqualTo(ImpersonationLevel.ANONYMOUS);
			assertThat(info.protectionLevel()).isEqualTo(ProtectionLevel.NONE);
		});
	}

	@Test
	void anonymousClientIsRefusedWhereProtectionAboveNoneIsRequiredAsSambaClearsSignAndSealForAnonymous() {
		// before: an anonymous client was reported ENCRYPT_AND_SIGN although anyone can compute its all-zero keys
		for (ProtectionLevel required : new ProtectionLevel[] { ProtectionLevel.SIGN,
				ProtectionLevel.ENCRYPT_AND_SIGN }) {
			this.server.close();
			start(ChannelMode.NET_TCP, required, true);
			// the client asks for the level the server requires, as a WCF client configured to match would
			NegotiateChannelFactory anonymous = new NegotiateChannelFactory(
					ClientSettings.of(new ClientCredential.Anonymous()).withAuthPackage(AuthPackage.NTLM)
						.withRequireServerAuth(false)
						.withProtectionLevel(required));
			assertThatThrownBy(() -> TestServer.roundTrip(anonymous, this.server.address(ChannelMode.NET_TCP)))
				.isInstanceOfSatisfying(HandshakeErrorException.class,
						(ex) -> assertThat(ex.errorCode()).isEqualTo(HandshakeErrorPayload.ERROR_TRUST_FAILURE));
		}
		assertThat(this.server.seen()).isEmpty();
	}

	@Test
	void tamperedAndReplayedNtlmFramesCloseTheConnection() {
		start(ChannelMode.RAW, ProtectionLevel.ENCRYPT_AND_SIGN, false);
		for (boolean replay : new boolean[] { false, true }) {
			try (NtlmInitiatorContext initiator = new NtlmInitiatorContext(
					NtlmCredential.password("EXAMPLE", "bob", "bob-pw1".toCharArray()), "host/localhost",
					NtlmInitiatorOptions.of(ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION));
					SocketPeer peer = SocketPeer.connect(this.server.port())) {
				peer.write(handshake(HandshakeMessage.inProgress(initiator.step(null))));
				HandshakeMessage challenge = read(peer);
				peer.write(handshake(HandshakeMessage.done(initiator.step(challenge.payload()))));
				assertThat(read(peer).id()).isEqualTo(org.negotiatetcp.stream.HandshakeMessageId.HANDSHAKE_DONE);
				byte[] frame = frame(initiator.wrap("hello".getBytes(StandardCharsets.US_ASCII), 0, 5, true));
				if (replay) {
					peer.write(frame);
					assertThat(peer.read(4)).hasSize(4);
					peer.write(frame);
				}
				else {
					frame[10] ^= 0x01; // inside the checksum of the 16-byte signature
					peer.write(frame);
				}
				byte[] rest = peer.readUntilClosed();
				assertThat(rest.length).as("the server echoes nothing for the bad frame").isLessThan(64);
			}
		}
	}

	private static byte[] handshake(HandshakeMessage message) {
		ByteBuf buf = Unpooled.buffer();
		message.encode(buf);
		return ByteBufUtil.getBytes(buf);
	}

	private static HandshakeMessage read(SocketPeer peer) {
		byte[] header = peer.read(5);
		int size = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
		ByteBuf buf = Unpooled.buffer().writeBytes(header).writeBytes(peer.read(size));
		return HandshakeMessage.decode(buf, 0xFFFF);
	}

	private static byte[] frame(byte[] token) {
		ByteBuf buf = Unpooled.buffer().writeIntLE(token.length).writeBytes(token);
		return ByteBufUtil.getBytes(buf);
	}

}
