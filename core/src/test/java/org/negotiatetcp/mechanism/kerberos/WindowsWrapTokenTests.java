package org.negotiatetcp.mechanism.kerberos;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.test.kdc.EmbeddedKdcExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Windows SSPI emits RFC 4121 wrap tokens whose encrypted part is rotated right ("RRC", MS-KILE 3.4.5.4.1: 28 bytes
 * with confidentiality, 12 without, for AES), while JGSS always sends RRC 0. This proves that such tokens unwrap: the
 * RRC field is honoured on receipt.
 */
class WindowsWrapTokenTests {

	@RegisterExtension
	static final EmbeddedKdcExtension kdc = EmbeddedKdcExtension.realm("EXAMPLE.COM")
		.withKeytab("service.keytab", "host/localhost")
		.withKeytab("client.keytab", "alice");

	private static GssMechanismContext client;

	private static GssMechanismContext server;

	@BeforeAll
	static void establish() {
		Path serviceKeytab = kdc.get().file("service.keytab");
		Path clientKeytab = kdc.get().file("client.keytab");
		client = GssMechanismContext.initiator(
				new KerberosClientCredentials(new ClientCredential.Keytab("alice", clientKeytab)).credential(),
				TargetName.spn("host/localhost"), true, ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION);
		server = GssMechanismContext.acceptor(
				KerberosServiceCredentials.load(new ServiceCredential(serviceKeytab, "host/localhost")).credential(), false);
		byte[] token = client.step(null);
		while (!client.isEstablished() || !server.isEstablished()) {
			byte[] reply = server.step(token);
			if (!client.isEstablished()) {
				token = client.step(reply);
			}
		}
	}

	@AfterAll
	static void close() {
		client.close();
		server.close();
	}

	@ParameterizedTest(name = "confidential={0}")
	@ValueSource(booleans = { true, false })
	void tokensRotatedTheWayWindowsDoesUnwrap(boolean confidential) {
		byte[] plain = "rotated by Windows".getBytes(StandardCharsets.UTF_8);
		byte[] token = client.wrap(plain, 0, plain.length, confidential);
		assertThat(token[0]).isEqualTo((byte) 0x05);
		assertThat(token[1]).isEqualTo((byte) 0x04);
		assertThat(rrc(token)).as("JGSS sends RRC 0").isZero();
		int rrc = confidential ? 28 : 12;
		byte[] windows = rotate(token, rrc);
		assertThat(server.unwrap(windows, 0, windows.length)).isEqualTo(plain);
	}

	private static int rrc(byte[] token) {
		return ((token[6] & 0xff) << 8) | (token[7] & 0xff);
	}

	/**
	 * Rotate everything after the 16-byte header right by {@code rrc} bytes and record it in the header.
	 */
	private static byte[] rotate(byte[] token, int rrc) {
		byte[] result = Arrays.copyOf(token, token.length);
		int bodyLength = token.length - 16;
		for (int i = 0; i < bodyLength; i++) {
			result[16 + ((i + rrc) % bodyLength)] = token[16 + i];
		}
		result[6] = (byte) (rrc >>> 8);
		result[7] = (byte) rrc;
		return result;
	}

}
