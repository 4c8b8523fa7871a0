package org.negotiatetcp.mechanism.kerberos;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.security.auth.kerberos.EncryptionKey;

import com.sun.security.jgss.ExtendedGSSContext;
import com.sun.security.jgss.InquireType;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.crypto.EncryptionType;
import org.negotiatetcp.mechanism.kerberos.crypto.PerMessageTokens;
import org.negotiatetcp.mechanism.kerberos.crypto.TokenHeader;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.test.kdc.EmbeddedKdcExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * This project's RFC 4121 tokens against JGSS in the same JVM, over real contexts from the embedded KDC, for every
 * AES encryption type the KDC issues: our Wrap (with and without confidentiality) and MIC tokens verify in a plain
 * JGSS context and JGSS's verify in ours, with and without the acceptor's subkey, our side being the initiator or the
 * acceptor. Tampered, truncated, reflected, replayed and reordered tokens are refused; encrypted tokens with EC filler
 * deliver only the data; RC4-HMAC and DES3 contexts stay on JGSS.
 */
class OwnMessageProtectionInteropTests {

	@RegisterExtension
	static final EmbeddedKdcExtension kdc = EmbeddedKdcExtension.realm("EXAMPLE.COM")
		.withKeytab("service.keytab", "host/localhost")
		.withKeytab("client.keytab", "alice");

	private final List<AutoCloseable> toClose = new ArrayList<>();

	@AfterEach
	void restore() throws Exception {
		System.clearProperty("sun.security.krb5.acceptor.subkey");
		System.clearProperty(GssMechanismContext.PROTECTION_PROPERTY);
		for (AutoCloseable closeable : this.toClose) {
			closeable.close();
		}
		kdc.get().makeCurrent();
	}

	static Stream<Arguments> cases() {
		List<Arguments> cases = new ArrayList<>();
		for (EncryptionType type : new EncryptionType[] { EncryptionType.AES128_CTS_HMAC_SHA1_96,
				EncryptionType.AES256_CTS_HMAC_SHA1_96 }) {
			for (boolean ourInitiator : new boolean[] { true, false }) {
				for (boolean acceptorSubkey : new boolean[] { false, true }) {
					cases.add(Arguments.of(type, ourInitiator, acceptorSubkey));
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}, ours is initiator: {1}, acceptor subkey: {2}")
	@MethodSource("cases")
	void tokensGoBothWaysBetweenOursAndJgss(EncryptionType type, boolean ourInitiator, boolean acceptorSubkey)
			throws GSSException {
		Pair pair = establish(type.specName(), ourInitiator, acceptorSubkey);
		assertThat(pair.ours().ownProtection()).isEqualTo(type);
		EncryptionKey peerKey = (EncryptionKey) ((ExtendedGSSContext) pair.jgss())
			.inquireSecContext(InquireType.KRB5_GET_SESSION_KEY_EX);
		assertThat(peerKey.getKeyType()).isEqualTo(type.number());
		for (int i = 0; i < 6; i++) {
			boolean confidential = (i % 2) == 0;
			byte[] message = ("message " + i + " from ours, " + "x".repeat(i * 7)).getBytes(StandardCharsets.UTF_8);
			byte[] token = pair.ours().wrap(message, 0, message.length, confidential);
			if (i > 0) {
				// ours, not JGSS's: the acceptor-subkey flag follows the context
				assertThat((token[2] & TokenHeader.ACCEPTOR_SUBKEY) != 0).isEqualTo(acceptorSubkey);
			}
			MessageProp prop = new MessageProp(0, false);
			assertThat(pair.jgss().unwrap(token, 0, token.length, prop)).isEqualTo(message);
			assertInSequence(prop);
			assertThat(prop.getPrivacy()).isEqualTo(confidential);

			byte[] reply = ("reply " + i + " from JGSS " + "y".repeat(i * 5)).getBytes(StandardCharsets.UTF_8);
			byte[] replyToken = pair.jgss().wrap(reply, 0, reply.length, new MessageProp(0, confidential));
			assertThat(pair.ours().unwrap(replyToken, 0, replyToken.length)).isEqualTo(reply);

			byte[] mic = pair.ours().getMic(message);
			prop = new MessageProp(0, false);
			pair.jgss().verifyMIC(mic, 0, mic.length, message, 0, message.length, prop);
			assertInSequence(prop);
			byte[] peerMic = pair.jgss().getMIC(reply, 0, reply.length, new MessageProp(0, false));
			pair.ours().verifyMic(reply, peerMic);
		}
	}

	@ParameterizedTest(name = "ours is initiator: {0}")
	@ValueSource(booleans = { true, false })
	void badTokensAreRefusedAndLeaveTheContextUsable(boolean ourInitiator) throws GSSException {
		Pair pair = establish("aes256-cts-hmac-sha1-96", ourInitiator, false);
		GssMechanismContext ours = pair.ours();
		// the first token of each direction goes through JGSS; the ones below through ours
		exchange(pair, "first");

		byte[] t1 = jgssWrap(pair, "one", true);
		byte[] t2 = jgssWrap(pair, "two", false);
		byte[] tampered = t1.clone();
		tampered[tampered.length - 20] ^= 0x01;
		assertRefused(() -> ours.unwrap(tampered, 0, tampered.length), FailureReason.BAD_TOKEN);
		byte[] tamperedSigned = t2.clone();
		tamperedSigned[17] ^= 0x01;
		assertRefused(() -> ours.unwrap(tamperedSigned, 0, tamperedSigned.length), FailureReason.BAD_TOKEN);
		assertRefused(() -> ours.unwrap(t1, 0, t1.length - 1), FailureReason.BAD_TOKEN);
		assertRefused(() -> ours.unwrap(t1, 0, 10), FailureReason.BAD_TOKEN);
		// reordered: the second before the first
		assertRefused(() -> ours.unwrap(t2, 0, t2.length), FailureReason.REPLAY);
		assertThat(ours.unwrap(t1, 0, t1.length)).isEqualTo(bytes("one"));
		// replayed
		assertRefused(() -> ours.unwrap(t1, 0, t1.length), FailureReason.REPLAY);
		assertThat(ours.unwrap(t2, 0, t2.length)).isEqualTo(bytes("two"));
		// reflected: our own token sent back to us
		byte[] own = ours.wrap(bytes("mine"), 0, 4, true);
		assertRefused(() -> ours.unwrap(own, 0, own.length), FailureReason.BAD_TOKEN);
		// a replayed MIC
		byte[] mic = pair.jgss().getMIC(bytes("mic"), 0, 3, new MessageProp(0, false));
		ours.verifyMic(bytes("mic"), mic);
		assertRefused(() -> ours.verifyMic(bytes("mic"), mic), FailureReason.REPLAY);
		byte[] otherMic = pair.jgss().getMIC(bytes("mic"), 0, 3, new MessageProp(0, false));
		assertRefused(() -> ours.verifyMic(bytes("MIC"), otherMic), FailureReason.BAD_TOKEN);
		// still in step after all that: JGSS takes our next token in sequence
		MessageProp prop = new MessageProp(0, false);
		byte[] next = ours.wrap(bytes("after"), 0, 5, true);
		assertThat(pair.jgss().unwrap(next, 0, next.length, prop)).isEqualTo(bytes("after"));
		// the reflected token above consumed a number JGSS never saw; JGSS reports the gap only when the initiator
		// requested sequence detection (ours does, the plain JGSS initiator of these tests does not)
		assertThat(prop.isGapToken()).isEqualTo(ourInitiator);
	}

	@ParameterizedTest(name = "JGSS forced: {0}")
	@ValueSource(booleans = { false, true })
	void encryptedTokensWithFillerDeliverOnlyTheData(boolean forceJgss) throws GSSException {
		if (forceJgss) {
			System.setProperty(GssMechanismContext.PROTECTION_PROPERTY, "jgss");
		}
		// ours is the acceptor; the initiator is a plain JGSS context, whose tokens we imitate with filler
		Pair pair = establish("aes256-cts-hmac-sha1-96", false, false);
		assertThat(pair.ours().ownProtection()).isEqualTo(forceJgss ? null : EncryptionType.AES256_CTS_HMAC_SHA1_96);
		EncryptionKey key = (EncryptionKey) ((ExtendedGSSContext) pair.jgss())
			.inquireSecContext(InquireType.KRB5_GET_SESSION_KEY_EX);
		PerMessageTokens sender = new PerMessageTokens(EncryptionType.AES256_CTS_HMAC_SHA1_96, key.getEncoded(), true);
		// the sequence number JGSS would send next: take it from a token that is never delivered
		byte[] unsent = pair.jgss().wrap(new byte[1], 0, 1, new MessageProp(0, true));
		TokenHeader header = TokenHeader.read(unsent, 0, unsent.length);
		sender.startSending(header.sequenceNumber(), header.acceptorSubkey());
		sender.sendRotation(28);
		int[] extraCounts = { 16, 0, 1, 15, 16, 17, 255, 0 };
		for (int i = 0; i < extraCounts.length; i++) {
			byte[] message = (i == 0) ? new byte[] { 42 } : bytes("message with EC " + extraCounts[i]);
			byte[] token = sender.wrap(message, 0, message.length, true, extraCounts[i]);
			assertThat(TokenHeader.read(token, 0, token.length).extraCount()).isEqualTo(extraCounts[i]);
			assertThat(pair.ours().unwrap(token, 0, token.length)).as("EC %d", extraCounts[i]).isEqualTo(message);
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "arcfour-hmac", "des3-cbc-sha1" })
	void otherEncryptionTypesStayOnJgss(String enctype) throws GSSException {
		Pair pair = establish(enctype, true, false);
		assertThat(pair.ours().ownProtection()).isNull();
		exchange(pair, "first");
		exchange(pair, "second");
		byte[] token = jgssWrap(pair, "again", true);
		pair.ours().unwrap(token, 0, token.length);
		assertRefused(() -> pair.ours().unwrap(token, 0, token.length), FailureReason.REPLAY);
	}

	@Test
	void withoutRequestedSequenceDetectionReplaysAndReordersAreStillRefused() throws GSSException {
		// the plain JGSS initiator requests neither replay nor sequence detection (JGSS would then report neither)
		Pair pair = establish("aes128-cts-hmac-sha1-96", false, false);
		assertThat(pair.ours().ownProtection()).isEqualTo(EncryptionType.AES128_CTS_HMAC_SHA1_96);
		exchange(pair, "first");
		byte[] token = jgssWrap(pair, "twice", true);
		assertThat(pair.ours().unwrap(token, 0, token.length)).isEqualTo(bytes("twice"));
		assertRefused(() -> pair.ours().unwrap(token, 0, token.length), FailureReason.REPLAY);
		byte[] skipped = jgssWrap(pair, "skipped", true);
		byte[] ahead = jgssWrap(pair, "ahead", true);
		assertRefused(() -> pair.ours().unwrap(ahead, 0, ahead.length), FailureReason.REPLAY);
		assertThat(pair.ours().unwrap(skipped, 0, skipped.length)).isEqualTo(bytes("skipped"));
		assertThat(pair.ours().unwrap(ahead, 0, ahead.length)).isEqualTo(bytes("ahead"));
	}

	private static void exchange(Pair pair, String text) throws GSSException {
		byte[] message = bytes(text);
		byte[] token = pair.ours().wrap(message, 0, message.length, true);
		assertThat(pair.jgss().unwrap(token, 0, token.length, new MessageProp(0, false))).isEqualTo(message);
		byte[] reply = jgssWrap(pair, text, true);
		assertThat(pair.ours().unwrap(reply, 0, reply.length)).isEqualTo(message);
	}

	private static byte[] jgssWrap(Pair pair, String text, boolean confidential) throws GSSException {
		byte[] message = bytes(text);
		return pair.jgss().wrap(message, 0, message.length, new MessageProp(0, confidential));
	}

	private static void assertInSequence(MessageProp prop) {
		assertThat(prop.isDuplicateToken() || prop.isOldToken() || prop.isUnseqToken() || prop.isGapToken())
			.as("JGSS finds our sequence numbers in order")
			.isFalse();
	}

	private static void assertRefused(Runnable action, FailureReason reason) {
		assertThatExceptionOfType(MechanismException.class).isThrownBy(action::run)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Establish our context against a plain JGSS one, with session keys of one encryption type. The plain JGSS
	 * initiator requests no replay or sequence detection: ours enforces sequence numbers anyway.
	 */
	private Pair establish(String enctype, boolean ourInitiator, boolean acceptorSubkey) throws GSSException {
		KerberosEncryptionTypes.request(kdc.get(), enctype);
		if (acceptorSubkey) {
			System.setProperty("sun.security.krb5.acceptor.subkey", "true");
		}
		Path serviceKeytab = kdc.get().file("service.keytab");
		Path clientKeytab = kdc.get().file("client.keytab");
		var clientCredential = new KerberosClientCredentials(new ClientCredential.Keytab("alice", clientKeytab))
			.credential();
		var serviceCredential = KerberosServiceCredentials
			.load(new ServiceCredential(serviceKeytab, "host/localhost"))
			.credential();
		GSSManager manager = GSSManager.getInstance();
		GssMechanismContext ours;
		GSSContext jgss;
		if (ourInitiator) {
			ours = GssMechanismContext.initiator(clientCredential, TargetName.spn("host/localhost"), true,
					ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION);
			jgss = manager.createContext(serviceCredential);
			byte[] token = ours.step(null);
			while (!ours.isEstablished() || !jgss.isEstablished()) {
				byte[] reply = jgss.acceptSecContext(token, 0, token.length);
				if (!ours.isEstablished()) {
					token = ours.step(reply);
				}
			}
		}
		else {
			ours = GssMechanismContext.acceptor(serviceCredential, false);
			jgss = manager.createContext(KerberosNames.targetName(manager, TargetName.spn("host/localhost")),
					Mechanism.KERBEROS.gssOid(), clientCredential, GSSContext.DEFAULT_LIFETIME);
			jgss.requestMutualAuth(true);
			jgss.requestConf(true);
			jgss.requestReplayDet(false);
			jgss.requestSequenceDet(false);
			byte[] token = jgss.initSecContext(new byte[0], 0, 0);
			while (!ours.isEstablished() || !jgss.isEstablished()) {
				byte[] reply = ours.step(token);
				if (!jgss.isEstablished()) {
					token = jgss.initSecContext(reply, 0, reply.length);
				}
			}
		}
		this.toClose.add(ours);
		this.toClose.add(jgss::dispose);
		return new Pair(ours, jgss);
	}

	private record Pair(GssMechanismContext ours, GSSContext jgss) {
	}

}
