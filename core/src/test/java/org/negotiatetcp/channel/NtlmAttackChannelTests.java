package org.negotiatetcp.channel;

import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.mechanism.ntlm.NtlmCredential;
import org.negotiatetcp.mechanism.ntlm.NtlmForgery;
import org.negotiatetcp.mechanism.ntlm.NtlmInitiatorContext;
import org.negotiatetcp.mechanism.ntlm.NtlmInitiatorOptions;
import org.negotiatetcp.mechanism.ntlm.NtlmServerNames;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.stream.HandshakeErrorException;
import org.negotiatetcp.stream.HandshakeErrorPayload;
import org.negotiatetcp.stream.HandshakeMessage;
import org.negotiatetcp.stream.HandshakeMessageId;
import org.negotiatetcp.testsupport.SocketPeer;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attacks on an NTLM server over real sockets (issue 10, weaknesses 1, 4 and 5), each compared with what Windows SSPI
 * and Samba do: the peer name is the account store's, not what the client typed; control characters in names are
 * refused; a response meant for another server (relay) and our own challenge reflected back (MS08-068) are refused;
 * a man in the middle who strips the CHALLENGE's time stamp is caught. The server names itself {@code srv1} in domain
 * {@code EXAMPLE} and answers to {@code host/localhost}.
 */
class NtlmAttackChannelTests {

	@AutoClose
	private final TestServer server = new TestServer();

	private void start(ChannelMode mode) {
		Map<String, String> accounts = new LinkedHashMap<>();
		accounts.put("bob", "bob-pw1");
		accounts.put("EXAMPLE\\alice", "alice-pw1");
		AcceptorSettings acceptor = new AcceptorSettings(null, InMemoryNtlmAccountStore.fromMap(accounts),
				ProtectionLevel.SIGN, false, new NtlmServerNames("SRV1", "EXAMPLE", "localhost", null));
		this.server.echo(mode, acceptor);
	}

	private static NegotiateChannelFactory client(String principal, String password) {
		return new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Password(principal, password.toCharArray()))
					.withAuthPackage(AuthPackage.NTLM)
					.withRequireServerAuth(false)
					.withProtectionLevel(ProtectionLevel.SIGN));
	}

	@Test
	void peerNameIsTheStoredAccountNotTheTypedNameAsWindowsAndSambaReportTheSamName() {
		// before: "NT AUTHORITY\bob" and "CORP\BOB" reached SecurityInfo.peerName as typed
		start(ChannelMode.NET_TCP);
		String address = this.server.address(ChannelMode.NET_TCP);
		for (String typed : new String[] { "NT AUTHORITY\\bob", "CORP\\BOB", "bob" }) {
			assertThat(TestServer.roundTrip(client(typed, "bob-pw1"), address)).isEqualTo("ping");
		}
		assertThat(TestServer.roundTrip(client("example\\ALICE", "alice-pw1"), address)).isEqualTo("ping");
		assertThat(this.server.seen()).extracting((info) -> info.peerName())
			.containsExactly("bob", "bob", "bob", "EXAMPLE\\alice");
	}

	@Test
	void accountOfOneDomainCannotLogOnAsAnotherDomain() {
		start(ChannelMode.NET_TCP);
		assertThatThrownBy(() -> TestServer.roundTrip(client("CORP\\alice", "alice-pw1"),
				this.server.address(ChannelMode.NET_TCP)))
			.isInstanceOfSatisfying(HandshakeErrorException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo(HandshakeErrorPayload.SEC_E_LOGON_DENIED));
		assertThat(this.server.seen()).isEmpty();
	}

	@Test
	void lineBreaksInTheDomainAreRefusedWithInvalidToken() {
		// before: "EXAMPLE\r\n...\bob" authenticated bob (an any-domain account) under a name with a line break
		start(ChannelMode.NET_TCP);
		assertThatThrownBy(() -> TestServer.roundTrip(client("EVIL\r\n12:00:00 INFO forged\\bob", "bob-pw1"),
				this.server.address(ChannelMode.NET_TCP)))
			.isInstanceOfSatisfying(HandshakeErrorException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo(HandshakeErrorPayload.SEC_E_INVALID_TOKEN));
		assertThat(this.server.seen()).isEmpty();
	}

	@Test
	void acceptedTargetNameIsExposedOnTheServersSecurityInfo() {
		start(ChannelMode.NET_TCP);
		assertThat(TestServer.roundTrip(client("bob", "bob-pw1"), this.server.address(ChannelMode.NET_TCP)))
			.isEqualTo("ping");
		assertThat(this.server.seen()).singleElement()
			.satisfies((info) -> assertThat(info.targetName()).isEqualTo("host/localhost"));
	}

	@Test
	void authenticationMeantForAnotherServerIsRefusedAsARelayLikeWindowsSpnValidation() {
		// a victim in another process authenticates to host/evil.example.com; the attacker relays the exchange
		// here. MsvAvTargetName is covered by the NTLMv2 proof, so the relay shows (Windows refuses it with SPN target
		// name validation, SmbServerNameHardeningLevel 1). Before: accepted as bob
		start(ChannelMode.RAW);
		try (SocketPeer attacker = SocketPeer.connect(this.server.port())) {
			NtlmInitiatorContext victim = new NtlmInitiatorContext(
					NtlmCredential.password("", "bob", "bob-pw1".toCharArray()), "host/evil.example.com",
					NtlmInitiatorOptions.of(ProtectionLevel.SIGN, ImpersonationLevel.IDENTIFICATION));
			attacker.write(handshake(HandshakeMessage.inProgress(victim.step(null))));
			byte[] challenge = read(attacker).payload();
			// the victim's process answers (built by hand here, since this process's own client would refuse the
			// challenge as a reflection first)
			attacker.write(handshake(HandshakeMessage.done(
					NtlmForgery.authenticate(challenge, "", "bob", "bob-pw1", "host/evil.example.com"))));
			HandshakeMessage answer = read(attacker);
			assertThat(answer.id()).isEqualTo(HandshakeMessageId.HANDSHAKE_ERROR);
			assertThat(HandshakeErrorPayload.decode(answer.payload()))
				.isEqualTo(HandshakeErrorPayload.SEC_E_TARGET_UNKNOWN);
		}
		assertThat(this.server.seen()).isEmpty();
	}

	@Test
	void faithfulMicLessClientInAnotherProcessIsAcceptedAsWindowsAcceptsImpacket() {
		start(ChannelMode.RAW);
		try (SocketPeer peer = SocketPeer.connect(this.server.port())) {
			NtlmInitiatorContext negotiator = new NtlmInitiatorContext(
					NtlmCredential.password("", "bob", "bob-pw1".toCharArray()), "host/localhost",
					NtlmInitiatorOptions.of(ProtectionLevel.SIGN, ImpersonationLevel.IDENTIFICATION));
			peer.write(handshake(HandshakeMessage.inProgress(negotiator.step(null))));
			byte[] challenge = read(peer).payload();
			peer.write(handshake(HandshakeMessage.done(
					NtlmForgery.authenticate(challenge, "", "bob", "bob-pw1", "host/localhost"))));
			assertThat(read(peer).id()).isEqualTo(HandshakeMessageId.HANDSHAKE_DONE);
		}
	}

	@Test
	void ownChallengeReflectedToAClientOfThisProcessIsRefusedAsWindowsHasSinceMs08068() {
		// the attacker opens a connection to our server, takes its CHALLENGE and hands it to a client of this
		// process that is authenticating to the attacker (host/attacker.example.com); the client's AUTHENTICATE,
		// sent back on the attacker's connection, would log the attacker on as the client
		start(ChannelMode.RAW);
		try (SocketPeer attacker = SocketPeer.connect(this.server.port());
				NtlmInitiatorContext victim = new NtlmInitiatorContext(
						NtlmCredential.password("", "bob", "bob-pw1".toCharArray()), "host/attacker.example.com",
						NtlmInitiatorOptions.of(ProtectionLevel.SIGN, ImpersonationLevel.IDENTIFICATION))) {
			byte[] negotiate = victim.step(null);
			attacker.write(handshake(HandshakeMessage.inProgress(negotiate)));
			byte[] challenge = read(attacker).payload();
			assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> victim.step(challenge))
				.withMessageContaining("reflection")
				.extracting(MechanismException::reason)
				.isEqualTo(FailureReason.POLICY);
		}
		assertThat(this.server.seen()).isEmpty();
	}

	@Test
	void clientOfThisProcessTalkingToThisProcessUnderItsOwnNameIsNotReflection() {
		start(ChannelMode.RAW);
		try (SocketPeer peer = SocketPeer.connect(this.server.port());
				NtlmInitiatorContext client = new NtlmInitiatorContext(
						NtlmCredential.password("", "bob", "bob-pw1".toCharArray()), "host/localhost",
						NtlmInitiatorOptions.of(ProtectionLevel.SIGN, ImpersonationLevel.IDENTIFICATION))) {
			peer.write(handshake(HandshakeMessage.inProgress(client.step(null))));
			byte[] challenge = read(peer).payload();
			peer.write(handshake(HandshakeMessage.done(client.step(challenge))));
			assertThat(read(peer).id()).isEqualTo(HandshakeMessageId.HANDSHAKE_DONE);
		}
	}

	@Test
	void manInTheMiddleStrippingTheChallengeTimestampIsRefusedAsSambaChecksTheEchoedTargetInfo() {
		// without MsvAvTimestamp the client sends no MIC, so IDENTIFY or SEAL could then be cleared unnoticed; the
		// target info the client echoes (covered by its NTLMv2 proof) shows the CHALLENGE was altered
		start(ChannelMode.RAW);
		try (SocketPeer mitm = SocketPeer.connect(this.server.port());
				NtlmInitiatorContext client = new NtlmInitiatorContext(
						NtlmCredential.password("", "bob", "bob-pw1".toCharArray()), "host/localhost",
						NtlmInitiatorOptions.of(ProtectionLevel.SIGN, ImpersonationLevel.IDENTIFICATION))) {
			mitm.write(handshake(HandshakeMessage.inProgress(client.step(null))));
			byte[] authenticate = client.step(NtlmForgery.stripTimestamp(read(mitm).payload()));
			assertThat(client.authenticateMessageHasMic()).isFalse();
			mitm.write(handshake(HandshakeMessage.done(authenticate)));
			HandshakeMessage answer = read(mitm);
			assertThat(answer.id()).isEqualTo(HandshakeMessageId.HANDSHAKE_ERROR);
			assertThat(HandshakeErrorPayload.decode(answer.payload())).isEqualTo(HandshakeErrorPayload.SEC_E_INVALID_TOKEN);
		}
		assertThat(this.server.seen()).isEmpty();
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

}
