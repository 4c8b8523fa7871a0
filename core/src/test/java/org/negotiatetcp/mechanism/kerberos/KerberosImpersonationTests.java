package org.negotiatetcp.mechanism.kerberos;

import java.nio.file.Path;

import org.ietf.jgss.GSSException;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ConstrainedDelegationException;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.UnknownTargetException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The names and failures of constrained delegation (S4U2Self + S4U2Proxy) that do not need a KDC; the exchanges
 * themselves are proven against a Samba AD DC ({@code ActiveDirectoryDelegationTests} in {@code starter-test}).
 */
class KerberosImpersonationTests {

	@Test
	void usersWithoutRealmAreInTheServicesRealm() {
		assertThat(KerberosImpersonation.userPrincipal("EXAMPLE\\alice", "svc-front@EXAMPLE.TEST"))
			.isEqualTo("alice@EXAMPLE.TEST");
		assertThat(KerberosImpersonation.userPrincipal("alice", "svc-front@EXAMPLE.TEST")).isEqualTo("alice@EXAMPLE.TEST");
		assertThat(KerberosImpersonation.userPrincipal("alice@OTHER.TEST", "svc-front@EXAMPLE.TEST"))
			.isEqualTo("alice@OTHER.TEST");
	}

	@Test
	void impersonatedCredentialNeedsTheServicesOwnCredential() {
		ClientCredential service = ClientCredential.keytab(Path.of("svc.keytab"), "svc-front@EXAMPLE.TEST");
		assertThat(ClientCredential.impersonated(service, "alice")).hasToString(
				"Impersonated[alice by Keytab[svc-front@EXAMPLE.TEST, svc.keytab]]");
		assertThatIllegalArgumentException().isThrownBy(() -> ClientCredential.impersonated(ClientCredential.anonymous(),
				"alice"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientCredential.impersonated(ClientCredential.impersonated(service, "bob"), "alice"));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientCredential.impersonated(service, " "));
	}

	@Test
	void kdcRefusingS4u2ProxyNamesTheSpnAndMsDsAllowedToDelegateTo() {
		// the JDK's words for KDC_ERR_BADOPTION, what Samba and Windows answer for an SPN outside the list
		GSSException refused = new GSSException(GSSException.NO_CRED, -1,
				"KDC cannot accommodate requested option (13)");
		MechanismException failure = GssErrors.translateImpersonating(refused, "Kerberos initiator",
				TargetName.spn("host/other.example.test@EXAMPLE.TEST"), "svc-front@EXAMPLE.TEST", "alice@EXAMPLE.TEST");
		assertThat(failure).isInstanceOf(ConstrainedDelegationException.class);
		ConstrainedDelegationException delegation = (ConstrainedDelegationException) failure;
		assertThat(delegation.reason()).isEqualTo(FailureReason.POLICY);
		assertThat(delegation.target()).isEqualTo("host/other.example.test@EXAMPLE.TEST");
		assertThat(delegation.service()).isEqualTo("svc-front@EXAMPLE.TEST");
		assertThat(delegation.user()).isEqualTo("alice@EXAMPLE.TEST");
		assertThat(delegation).hasMessageContaining("add host/other.example.test to msDS-AllowedToDelegateTo")
			.hasMessageContaining("samba-tool delegation add-service <account> host/other.example.test");
	}

	@Test
	void unknownTargetStaysAnUnknownTargetWhenImpersonating() {
		GSSException unknown = new GSSException(GSSException.NO_CRED, -1, "Server not found in Kerberos database (7)");
		assertThat(GssErrors.translateImpersonating(unknown, "Kerberos initiator",
				TargetName.spn("host/nowhere.example.test@EXAMPLE.TEST"), "svc-front@EXAMPLE.TEST", "alice@EXAMPLE.TEST"))
			.isInstanceOf(UnknownTargetException.class);
	}

}
