package org.negotiatetcp.stream;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.GssMechanismContext;
import org.negotiatetcp.mechanism.kerberos.KerberosClientCredentials;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.mechanism.ntlm.NtlmAcceptorContext;
import org.negotiatetcp.mechanism.ntlm.NtlmCredential;
import org.negotiatetcp.mechanism.ntlm.NtlmInitiatorContext;
import org.negotiatetcp.mechanism.ntlm.NtlmInitiatorOptions;
import org.negotiatetcp.mechanism.ntlm.NtlmServerNames;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.test.kdc.EmbeddedKdcExtension;

/**
 * Fuzz targets for [MS-NNS] data messages on an established context: the frame parser of {@link DataFrameCodec} and
 * the unwrap path behind it, for Kerberos (RFC 4121 Wrap tokens, this project's own AES crypto after JGSS
 * established the context with the embedded KDC) and NTLM (our NTLMSSP sealing). The first input byte picks what the
 * server's codec is fed:
 * <ul>
 * <li>{@code 0}: the rest of the input as received bytes. The keys are new in every run, so no such input can be a
 * genuine frame: any plaintext it yields is a forgery accepted, a failure.</li>
 * <li>{@code 1}: a frame the client just wrapped, with the rest of the input XORed over it (length header
 * included). If the server accepts it, it must yield exactly the client's plaintext; if it refuses it with a typed
 * error, a Kerberos server must still accept the untouched frame afterwards (a refused frame changes no sequence
 * state), while an NTLM pair is replaced (a refused NTLM frame has consumed RC4 key stream, as on Windows); if it
 * waits for more bytes, either must accept the untouched frame.</li>
 * <li>{@code 2}: a genuine frame followed by the rest of the input as further bytes: the frame must yield its
 * plaintext, the rest is refused or waits for more bytes.</li>
 * </ul>
 * Anything other than plaintext, "more bytes needed", an {@link NnsProtocolException} or a
 * {@link MechanismException} is a failure. Regression mode replays
 * {@code src/test/resources/org/negotiatetcp/stream/DataFrameFuzzTestsInputs} (seeds: whole wrap tokens recorded
 * from the .NET client, MIT krb5 and gss-ntlmssp, see the README there); {@code -Pfuzz} fuzzes each for a bounded
 * time.
 */
class DataFrameFuzzTests {

	@RegisterExtension
	static final EmbeddedKdcExtension kdc = EmbeddedKdcExtension.realm("EXAMPLE.COM")
		.withKeytab("service.keytab", "host/localhost")
		.withKeytab("client.keytab", "alice");

	private static Pair kerberos;

	private static Pair ntlm;

	@AfterAll
	static void close() {
		if (kerberos != null) {
			kerberos.close();
		}
		if (ntlm != null) {
			ntlm.close();
		}
	}

	@FuzzTest(maxDuration = "60s")
	void kerberosDataFrames(byte[] input) {
		// built on first use, not in @BeforeAll: classes loaded before Jazzer's agent is installed are retransformed
		// later, which broke accessors of records with type annotations (NoSuchFieldError, JDK-8376185) and once
		// crashed HotSpot resolving a nest host
		if (kerberos == null) {
			kerberos = kerberosPair();
		}
		exercise(kerberos, input, false);
	}

	@FuzzTest(maxDuration = "60s")
	void ntlmDataFrames(byte[] input) {
		if (ntlm == null) {
			ntlm = ntlmPair();
		}
		if (exercise(ntlm, input, true)) {
			ntlm.close();
			ntlm = ntlmPair();
		}
	}

	/**
	 * Feeds one input to the server.
	 * @param pair the contexts
	 * @param input the fuzz input
	 * @param refusalConsumesState whether a refused frame leaves the receiving side unusable (NTLM's RC4)
	 * @return whether the server refused bytes (an NTLM pair must then be replaced)
	 */
	private static boolean exercise(Pair pair, byte[] input, boolean refusalConsumesState) {
		if (input.length == 0) {
			return false;
		}
		byte[] rest = Arrays.copyOfRange(input, 1, input.length);
		switch (input[0] & 0x03) {
			case 0 -> {
				Result result = decode(pair.server, rest);
				if (result.plain() != null) {
					throw new AssertionError("A frame nobody wrapped with this run's keys was accepted: "
							+ new String(result.plain(), StandardCharsets.ISO_8859_1));
				}
				return result.refused();
			}
			case 1 -> {
				byte[] plain = ("frame of " + rest.length).getBytes(StandardCharsets.US_ASCII);
				byte[] frame = pair.wrap(plain);
				byte[] tampered = frame.clone();
				for (int i = 0; i < rest.length; i++) {
					tampered[i % tampered.length] ^= rest[i];
				}
				Result result = decode(pair.server, tampered);
				if (result.plain() != null) {
					if (!Arrays.equals(result.plain(), plain)) {
						throw new AssertionError("A tampered frame was accepted with other plaintext");
					}
					return false;
				}
				if (result.refused() && refusalConsumesState) {
					return true;
				}
				// refused (Kerberos) or waiting for more bytes (both): the server's state must be untouched
				if (!Arrays.equals(decode(pair.server, frame).plain(), plain)) {
					throw new AssertionError("After a " + (result.refused() ? "refused" : "incomplete")
							+ " frame the genuine one no longer decodes: the receiving state changed");
				}
				return false;
			}
			default -> {
				byte[] plain = "genuine".getBytes(StandardCharsets.US_ASCII);
				byte[] frame = pair.wrap(plain);
				byte[] stream = Arrays.copyOf(frame, frame.length + rest.length);
				System.arraycopy(rest, 0, stream, frame.length, rest.length);
				ByteBuf in = Unpooled.wrappedBuffer(stream);
				try {
					Result first = decode(pair.server, in);
					if (!Arrays.equals(first.plain(), plain)) {
						throw new AssertionError("A genuine frame did not yield its plaintext");
					}
					Result next = decode(pair.server, in);
					if (next.plain() != null) {
						throw new AssertionError("Bytes after a genuine frame were accepted as another frame");
					}
					return next.refused();
				}
				finally {
					in.release();
				}
			}
		}
	}

	private static Result decode(DataFrameCodec codec, byte[] bytes) {
		ByteBuf in = Unpooled.wrappedBuffer(bytes);
		try {
			return decode(codec, in);
		}
		finally {
			in.release();
		}
	}

	private static Result decode(DataFrameCodec codec, ByteBuf in) {
		try {
			ByteBuf plain = codec.decode(in, io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
			if (plain == null) {
				return new Result(null, false);
			}
			try {
				return new Result(io.netty.buffer.ByteBufUtil.getBytes(plain), false);
			}
			finally {
				plain.release();
			}
		}
		catch (NnsProtocolException | MechanismException ex) {
			// a typed refusal is the expected outcome for bad input
			return new Result(null, true);
		}
	}

	/**
	 * What the server's codec made of some bytes: the plaintext of the first frame ({@code null} when refused or
	 * incomplete), and whether the codec refused the bytes. A class, not a record: Jazzer's retransformation of a
	 * record with a type-annotated component ({@code byte @Nullable []}) breaks its fields (NoSuchFieldError,
	 * JDK-8376185).
	 */
	static final class Result {

		private final byte @Nullable [] plain;

		private final boolean refused;

		Result(byte @Nullable [] plain, boolean refused) {
			this.plain = plain;
			this.refused = refused;
		}

		byte @Nullable [] plain() {
			return this.plain;
		}

		boolean refused() {
			return this.refused;
		}

	}

	private static Pair kerberosPair() {
		Path serviceKeytab = kdc.get().file("service.keytab");
		Path clientKeytab = kdc.get().file("client.keytab");
		GssMechanismContext client = GssMechanismContext.initiator(
				new KerberosClientCredentials(new ClientCredential.Keytab("alice", clientKeytab)).credential(),
				TargetName.spn("host/localhost"), true, ProtectionLevel.ENCRYPT_AND_SIGN,
				ImpersonationLevel.IDENTIFICATION);
		GssMechanismContext server = GssMechanismContext.acceptor(
				KerberosServiceCredentials.load(new ServiceCredential(serviceKeytab, "host/localhost")).credential(),
				true);
		establish(client, server);
		if (client.ownProtection() == null || server.ownProtection() == null) {
			throw new IllegalStateException("The Kerberos contexts do not use this project's own message protection");
		}
		return new Pair(client, server);
	}

	private static Pair ntlmPair() {
		NtlmInitiatorContext client = new NtlmInitiatorContext(
				NtlmCredential.password("EXAMPLE", "alice", "Secret-1".toCharArray()), "host/srv1.example.com",
				new NtlmInitiatorOptions(true, true, false, "WS1"));
		NtlmAcceptorContext server = new NtlmAcceptorContext(
				new InMemoryNtlmAccountStore().add("EXAMPLE", "alice", "Secret-1".toCharArray()),
				NtlmServerNames.forHost("srv1.example.com"), false);
		establish(client, server);
		return new Pair(client, server);
	}

	private static void establish(MechanismContext client, MechanismContext server) {
		byte[] token = client.step(null);
		while (!client.isEstablished() || !server.isEstablished()) {
			byte[] reply = server.step(token);
			if (!client.isEstablished()) {
				token = client.step(reply);
			}
		}
	}

	/**
	 * An established client and server and their codecs (framed, confidential: EncryptAndSign).
	 */
	record Pair(MechanismContext clientContext, MechanismContext serverContext, DataFrameCodec client,
			DataFrameCodec server) {

		Pair(MechanismContext clientContext, MechanismContext serverContext) {
			this(clientContext, serverContext, new DataFrameCodec(clientContext, true, true),
					new DataFrameCodec(serverContext, true, true));
		}

		byte[] wrap(byte[] plain) {
			ByteBuf plaintext = Unpooled.wrappedBuffer(plain);
			ByteBuf frame = this.client.encodeFrame(plaintext, ByteBufAllocator.DEFAULT);
			try {
				byte[] bytes = new byte[frame.readableBytes()];
				frame.readBytes(bytes);
				return bytes;
			}
			finally {
				frame.release();
				plaintext.release();
			}
		}

		void close() {
			this.clientContext.close();
			this.serverContext.close();
		}

	}

}
