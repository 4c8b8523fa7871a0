package org.negotiatetcp.mechanism.kerberos;

import java.util.List;

import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GSS flags of a real JGSS AP-REQ (from the embedded KDC's ticket) read from its authenticator with the service
 * key, and the impersonation level the acceptor reports from them. JGSS never sets {@code GSS_C_IDENTIFY_FLAG}, so a
 * JGSS client that does not delegate is reported at impersonation level, as Windows would see it.
 */
class AuthenticatorFlagsTests {

	@AutoClose
	private static EmbeddedRealm realm;

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	@Test
	void checksumFlagsAreReadFromTheAuthenticator() {
		try (GssMechanismContext client = initiator(ImpersonationLevel.IDENTIFICATION)) {
			byte[] apReq = client.step(null);
			Integer flags = AuthenticatorFlags.read(apReq, serviceKeys());
			assertThat(flags).isNotNull();
			// mutual (2), replay (4), sequence (8), confidentiality (0x10), integrity (0x20); no delegation, no identify
			assertThat(flags & 0x3E).isEqualTo(0x3E);
			assertThat(flags & AuthenticatorFlags.DELEG).isZero();
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

	@Test
	void acceptorReportsImpersonationForAClientWithoutTheIdentifyFlag() {
		try (GssMechanismContext client = initiator(ImpersonationLevel.IDENTIFICATION);
				GssMechanismContext server = GssMechanismContext.acceptor(realm.serviceCredentials(), false)) {
			byte[] reply = server.step(client.step(null));
			client.step(reply);
			assertThat(server.negotiated().impersonationLevel()).isEqualTo(ImpersonationLevel.IMPERSONATION);
			assertThat(client.negotiated().impersonationLevel()).isEqualTo(ImpersonationLevel.IDENTIFICATION);
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
