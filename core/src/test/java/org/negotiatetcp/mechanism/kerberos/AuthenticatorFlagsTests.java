package org.negotiatetcp.mechanism.kerberos;

import java.util.List;

import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ietf.jgss.GSSCredential;

import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GSS flags of a real JGSS AP-REQ (from the embedded KDC's ticket) read from its authenticator with the service
 * key, and the impersonation level the acceptor reports from them. JGSS never sets {@code GSS_C_IDENTIFY_FLAG}; our
 * initiator sets it in the authenticator JGSS made when it allows identification only, as Windows SSPI does for
 * {@code TokenImpersonationLevel.Identification} ([MS-KILE] 3.2.5.2), and the JDK's acceptor accepts the result.
 */
class AuthenticatorFlagsTests {

	@AutoClose
	private static EmbeddedRealm realm;

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	@Test
	void anIdentificationClientSendsTheIdentifyFlag() {
		try (GssMechanismContext client = initiator(ImpersonationLevel.IDENTIFICATION)) {
			byte[] apReq = client.step(null);
			Integer flags = AuthenticatorFlags.read(apReq, serviceKeys());
			assertThat(flags).isNotNull();
			// mutual (2), replay (4), sequence (8), confidentiality (0x10), integrity (0x20); no delegation
			assertThat(flags & 0x3E).isEqualTo(0x3E);
			assertThat(flags & AuthenticatorFlags.DELEG).isZero();
			assertThat(flags & AuthenticatorFlags.IDENTIFY).isEqualTo(AuthenticatorFlags.IDENTIFY);
		}
	}

	@Test
	void anImpersonationClientSendsTheFlagsJgssSet() {
		try (GssMechanismContext client = initiator(ImpersonationLevel.IMPERSONATION)) {
			Integer flags = AuthenticatorFlags.read(client.step(null), serviceKeys());
			assertThat(flags).isNotNull();
			assertThat(flags & 0x3E).isEqualTo(0x3E);
			assertThat(flags & AuthenticatorFlags.IDENTIFY).isZero();
		}
	}

	@Test
	void withoutTheServiceKeyTheFlagsAreUnknown() {
		try (GssMechanismContext client = initiator(ImpersonationLevel.IDENTIFICATION)) {
			byte[] apReq = client.step(null);
			assertThat(AuthenticatorFlags.read(apReq, List.of())).isNull();
			byte[] tampered = apReq.clone();
			tampered[tampered.length - 5] ^= 1;
			assertThat(AuthenticatorFlags.read(tampered, serviceKeys())).isNull();
			assertThat(AuthenticatorFlags.read(new byte[] { 0x60, 0x01, 0x00 }, serviceKeys())).isNull();
		}
	}

	@ParameterizedTest(name = "client allows {0} -> JDK acceptor reports {0}")
	@EnumSource(value = ImpersonationLevel.class, names = { "IDENTIFICATION", "IMPERSONATION" })
	void theJdkAcceptorAcceptsTheTokenAndReportsTheClientsLevel(ImpersonationLevel level) {
		try (GssMechanismContext client = initiator(level);
				GssMechanismContext server = GssMechanismContext.acceptor(realm.serviceCredentials(), false)) {
			byte[] reply = server.step(client.step(null));
			client.step(reply);
			assertThat(client.isEstablished()).isTrue();
			assertThat(server.negotiated().impersonationLevel()).isEqualTo(level);
			assertThat(client.negotiated().impersonationLevel()).isEqualTo(level);
			// the contexts agree on keys and sequence numbers: data flows both ways
			byte[] wrapped = client.wrap(new byte[] { 1, 2, 3 }, 0, 3, true);
			assertThat(server.unwrap(wrapped, 0, wrapped.length)).containsExactly(1, 2, 3);
			byte[] back = server.wrap(new byte[] { 4 }, 0, 1, true);
			assertThat(client.unwrap(back, 0, back.length)).containsExactly(4);
		}
	}

	@Test
	void aClientWithOnlyACredentialSendsTheIdentifyFlagToo() {
		// no login subject: the step runs in a subject of its own, where JGSS leaves the service ticket
		GSSCredential credential = new KerberosClientCredentials(realm.alice()).credential();
		try (GssMechanismContext client = GssMechanismContext.initiator(credential, TargetName.spn(EmbeddedRealm.SERVICE),
				true, ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION);
				GssMechanismContext server = GssMechanismContext.acceptor(realm.serviceCredentials(), false)) {
			byte[] apReq = client.step(null);
			assertThat(AuthenticatorFlags.read(apReq, serviceKeys()) & AuthenticatorFlags.IDENTIFY)
				.isEqualTo(AuthenticatorFlags.IDENTIFY);
			client.step(server.step(apReq));
			assertThat(server.negotiated().impersonationLevel()).isEqualTo(ImpersonationLevel.IDENTIFICATION);
		}
	}

	@Test
	void onlyTheAesEncryptionTypesAreRewritten() {
		try (GssMechanismContext client = initiator(ImpersonationLevel.IMPERSONATION)) {
			byte[] apReq = client.step(null);
			// RC4-HMAC (23) and DES3 (16): left to JGSS, the token goes as it is
			assertThat(AuthenticatorFlags.withFlags(apReq, 23, new byte[16], AuthenticatorFlags.IDENTIFY)).isNull();
			assertThat(AuthenticatorFlags.withFlags(apReq, 16, new byte[24], AuthenticatorFlags.IDENTIFY)).isNull();
			// the right type with a wrong key does not decrypt
			assertThat(AuthenticatorFlags.withFlags(apReq, 18, new byte[32], AuthenticatorFlags.IDENTIFY)).isNull();
		}
	}

	@Test
	void acceptorWithoutTheKeytabReportsTheCertainLevel() {
		try (GssMechanismContext client = initiator(ImpersonationLevel.IMPERSONATION);
				GssMechanismContext server = GssMechanismContext
					.acceptor(realm.serviceCredentials().credential(), false)) {
			client.step(server.step(client.step(null)));
			assertThat(server.negotiated().impersonationLevel()).isEqualTo(ImpersonationLevel.IDENTIFICATION);
		}
	}

	private static GssMechanismContext initiator(ImpersonationLevel level) {
		return GssMechanismContext.initiator(new KerberosClientCredentials(realm.alice()),
				TargetName.spn(EmbeddedRealm.SERVICE), true, ProtectionLevel.ENCRYPT_AND_SIGN, level);
	}

	private static List<KerberosKey> serviceKeys() {
		KerberosPrincipal service = new KerberosPrincipal(EmbeddedRealm.SERVICE + "@" + realm.realm());
		return List.of(KeyTab.getUnboundInstance(realm.serviceKeytab().toFile()).getKeys(service));
	}

}
