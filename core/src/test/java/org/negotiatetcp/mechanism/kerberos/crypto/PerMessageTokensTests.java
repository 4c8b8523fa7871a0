package org.negotiatetcp.mechanism.kerberos.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * RFC 4121 per-message tokens between two contexts of this package for every encryption type, including the RFC
 * 8009 ones the embedded KDC cannot issue (their primitives are pinned by {@link Rfc8009VectorsTests}; the token
 * layout is the one {@code OwnMessageProtectionInteropTests} proves against JGSS).
 */
class PerMessageTokensTests {

	private static final byte[] MESSAGE = "the quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

	@ParameterizedTest
	@EnumSource(EncryptionType.class)
	void wrapAndMicRoundTripWithAnyRotationAndFiller(EncryptionType type) {
		PerMessageTokens[] pair = pair(type, true);
		PerMessageTokens initiator = pair[0];
		PerMessageTokens acceptor = pair[1];
		int[] extraCounts = { 0, 16, 1, 31 };
		int[] rotations = { 0, 28, 12, 5000 };
		for (int i = 0; i < extraCounts.length; i++) {
			initiator.sendRotation(rotations[i]);
			acceptor.sendRotation(rotations[i]);
			for (boolean confidential : new boolean[] { true, false }) {
				byte[] token = initiator.wrap(MESSAGE, 3, 20, confidential, extraCounts[i]);
				PerMessageTokens.Unwrapped unwrapped = acceptor.unwrap(token, 0, token.length);
				assertThat(unwrapped.data()).isEqualTo(slice(MESSAGE, 3, 20));
				assertThat(unwrapped.confidential()).isEqualTo(confidential);
				byte[] reply = acceptor.wrap(new byte[0], 0, 0, confidential, extraCounts[i]);
				assertThat(reply[2] & 0x07).isEqualTo(0x01 | 0x04 | (confidential ? 0x02 : 0));
				assertThat(initiator.unwrap(reply, 0, reply.length).data()).isEmpty();
			}
			byte[] mic = acceptor.getMic(MESSAGE, 0, MESSAGE.length);
			assertThat(mic).hasSize(16 + type.checksumLength());
			initiator.verifyMic(MESSAGE, 0, MESSAGE.length, mic, 0, mic.length);
		}
		// the header says the rotation, the sealed token's body is rotated
		acceptor.sendRotation(28);
		byte[] rotated = acceptor.wrap(MESSAGE, 0, MESSAGE.length, true);
		assertThat(TokenHeader.read(rotated, 0, rotated.length).rightRotationCount()).isEqualTo(28);
		assertThat(initiator.unwrap(rotated, 0, rotated.length).data()).isEqualTo(MESSAGE);
	}

	@ParameterizedTest
	@EnumSource(EncryptionType.class)
	void badTokensAreRefusedWithTheirKind(EncryptionType type) {
		PerMessageTokens[] pair = pair(type, false);
		PerMessageTokens initiator = pair[0];
		PerMessageTokens acceptor = pair[1];
		byte[] first = initiator.wrap(MESSAGE, 0, MESSAGE.length, true);
		byte[] second = initiator.wrap(MESSAGE, 0, MESSAGE.length, false);
		// every single-bit change anywhere in the token is refused
		for (byte[] token : new byte[][] { first, second }) {
			for (int i = 0; i < token.length; i++) {
				byte[] tampered = token.clone();
				tampered[i] ^= 0x10;
				assertThatExceptionOfType(PerMessageTokenException.class)
					.isThrownBy(() -> acceptor.unwrap(tampered, 0, tampered.length));
			}
		}
		assertRefused(() -> acceptor.unwrap(first, 0, 15), PerMessageTokenException.Kind.MALFORMED);
		assertRefused(() -> acceptor.unwrap(first, 0, first.length - 1), PerMessageTokenException.Kind.INTEGRITY);
		assertRefused(() -> acceptor.unwrap(second, 0, second.length), PerMessageTokenException.Kind.OUT_OF_SEQUENCE);
		assertThat(acceptor.unwrap(first, 0, first.length).data()).isEqualTo(MESSAGE);
		assertRefused(() -> acceptor.unwrap(first, 0, first.length), PerMessageTokenException.Kind.REPLAY);
		assertThat(acceptor.unwrap(second, 0, second.length).data()).isEqualTo(MESSAGE);
		// a token of this side sent back to it
		byte[] reflected = acceptor.wrap(MESSAGE, 0, 4, true);
		assertRefused(() -> acceptor.unwrap(reflected, 0, reflected.length), PerMessageTokenException.Kind.MALFORMED);
		// a MIC where a Wrap token belongs and the other way round
		byte[] mic = initiator.getMic(MESSAGE, 0, MESSAGE.length);
		assertRefused(() -> acceptor.unwrap(mic, 0, mic.length), PerMessageTokenException.Kind.MALFORMED);
		byte[] wrap = initiator.wrap(MESSAGE, 0, 1, false);
		assertRefused(() -> acceptor.verifyMic(MESSAGE, 0, 1, wrap, 0, wrap.length),
				PerMessageTokenException.Kind.MALFORMED);
		// another context's key
		PerMessageTokens stranger = pair(type, false)[0];
		stranger.startSending(3, false);
		byte[] foreign = stranger.wrap(MESSAGE, 0, MESSAGE.length, true);
		assertRefused(() -> acceptor.unwrap(foreign, 0, foreign.length), PerMessageTokenException.Kind.INTEGRITY);
	}

	@ParameterizedTest
	@EnumSource(EncryptionType.class)
	void randomDamageIsAlwaysATypedRefusal(EncryptionType type) {
		PerMessageTokens[] pair = pair(type, false);
		Random random = new Random(type.number());
		for (int round = 0; round < 2000; round++) {
			boolean confidential = random.nextBoolean();
			boolean mic = random.nextInt(4) == 0;
			byte[] token = mic ? pair[0].getMic(MESSAGE, 0, MESSAGE.length)
					: pair[0].wrap(MESSAGE, 0, random.nextInt(MESSAGE.length), confidential, random.nextInt(40));
			byte[] damaged = damage(token, random);
			try {
				if (mic) {
					pair[1].verifyMic(MESSAGE, 0, MESSAGE.length, damaged, 0, damaged.length);
				}
				else {
					pair[1].unwrap(damaged, 0, damaged.length);
				}
				// damage that left the token intact (for example a byte set to its own value): it was the next token
			}
			catch (PerMessageTokenException ex) {
				// refused with a kind: what a channel turns into its typed failure
				assertThat(ex.kind()).isNotNull();
				// the receiver did not move: the undamaged token is still the next one
				if (mic) {
					pair[1].verifyMic(MESSAGE, 0, MESSAGE.length, token, 0, token.length);
				}
				else {
					pair[1].unwrap(token, 0, token.length);
				}
			}
		}
	}

	private static byte[] damage(byte[] token, Random random) {
		byte[] damaged = token.clone();
		switch (random.nextInt(5)) {
			case 0 -> damaged = Arrays.copyOf(token, random.nextInt(token.length));
			case 1 -> damaged = Arrays.copyOf(token, token.length + 1 + random.nextInt(40));
			case 2 -> {
				// EC and RRC fields
				damaged[4 + random.nextInt(4)] = (byte) random.nextInt(256);
			}
			case 3 -> {
				for (int i = 0; i < 1 + random.nextInt(4); i++) {
					damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
				}
			}
			default -> damaged[random.nextInt(16)] = (byte) random.nextInt(256);
		}
		return damaged;
	}

	@ParameterizedTest
	@EnumSource(EncryptionType.class)
	void theAcceptorSubkeyFlagMustMatchTheContext(EncryptionType type) {
		byte[] key = key(type);
		PerMessageTokens initiator = new PerMessageTokens(type, key, true);
		initiator.startSending(0, true);
		initiator.startReceiving(0, true);
		PerMessageTokens acceptor = new PerMessageTokens(type, key, false);
		acceptor.startSending(0, false);
		acceptor.startReceiving(0, false);
		byte[] token = initiator.wrap(MESSAGE, 0, MESSAGE.length, true);
		assertRefused(() -> acceptor.unwrap(token, 0, token.length), PerMessageTokenException.Kind.MALFORMED);
	}

	private static void assertRefused(Runnable action, PerMessageTokenException.Kind kind) {
		assertThatExceptionOfType(PerMessageTokenException.class).isThrownBy(action::run)
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(kind));
	}

	private static PerMessageTokens[] pair(EncryptionType type, boolean acceptorSubkey) {
		byte[] key = key(type);
		PerMessageTokens initiator = new PerMessageTokens(type, key, true);
		PerMessageTokens acceptor = new PerMessageTokens(type, key, false);
		initiator.startSending(1000, acceptorSubkey);
		acceptor.startReceiving(1000, acceptorSubkey);
		acceptor.startSending(0xfffffffeL, acceptorSubkey);
		initiator.startReceiving(0xfffffffeL, acceptorSubkey);
		return new PerMessageTokens[] { initiator, acceptor };
	}

	private static byte[] key(EncryptionType type) {
		byte[] key = new byte[type.keyLength()];
		new SecureRandom().nextBytes(key);
		return key;
	}

	private static byte[] slice(byte[] bytes, int offset, int length) {
		byte[] result = new byte[length];
		System.arraycopy(bytes, offset, result, 0, length);
		return result;
	}

}
