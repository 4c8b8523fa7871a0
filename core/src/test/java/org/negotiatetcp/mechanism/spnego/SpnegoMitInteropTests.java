package org.negotiatetcp.mechanism.spnego;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.AcceptorFactory;
import org.negotiatetcp.mechanism.AcceptorSettings;
import org.negotiatetcp.mechanism.InitiatorFactory;
import org.negotiatetcp.mechanism.InitiatorSettings;
import org.negotiatetcp.mechanism.Mechanism;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SPNEGO against MIT krb5's own SPNEGO (python3-gssapi) in both roles, over the embedded KDC.
 */
@Tag("interop")
class SpnegoMitInteropTests {

	private static TestRealm realm;

	@BeforeAll
	static void startRealm() throws Exception {
		assumeTrue(MitGssPeer.available(), "python3-gssapi is not installed (" + MitGssPeer.PYTHON
				+ " -c 'import gssapi' fails); install python3-gssapi to run the MIT interop tests");
		realm = TestRealm.start();
	}

	@AfterAll
	static void stopRealm() throws Exception {
		if (realm != null) {
			realm.close();
		}
	}

	@Test
	void mitSpnegoInitiatorIsAcceptedByOurAcceptor() throws Exception {
		try (MitGssPeer mit = MitGssPeer.initiator(environment(), Mechanism.SPNEGO_OID,
				TestRealm.SERVICE + "@" + realm.realm(), TestRealm.USER + "@" + realm.realm(), TestRealm.PASSWORD)) {
			MechanismContext server = new AcceptorFactory(
					new AcceptorSettings(realm.serviceCredentials(), null, ProtectionLevel.ENCRYPT_AND_SIGN, false))
				.create(new byte[] { 0x60, 0x08, 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 });
			Exchange exchange = new Exchange();
			exchange.run(mit, server);
			NegTokenInit init = NegTokenInit.decode(exchange.clientTokens().get(0));
			assertThat(init.mechTypes()).contains(Mechanism.KERBEROS.oid());
			assertThat(server.negotiated().mechanism()).isEqualTo(Mechanism.KERBEROS);
			assertThat(server.negotiated().peerName()).isEqualTo(TestRealm.USER + "@" + realm.realm());
			assertThat(mit.info()).endsWith(Mechanism.KERBEROS.oid());
			SpnegoKerberosTests.assertRoundTrips(mit, server);
		}
	}

	@Test
	void ourInitiatorIsAcceptedByMitSpnegoAcceptor() throws Exception {
		try (MitGssPeer mit = MitGssPeer.acceptor(environment(), Mechanism.SPNEGO_OID)) {
			MechanismContext client = new InitiatorFactory().create(new InitiatorSettings(AuthPackage.SPNEGO,
					TargetName.spn(TestRealm.SERVICE), realm.alice(), true, ProtectionLevel.ENCRYPT_AND_SIGN,
					ImpersonationLevel.IDENTIFICATION));
			Exchange exchange = new Exchange();
			exchange.run(client, mit);
			assertThat(client.negotiated().mechanism()).isEqualTo(Mechanism.KERBEROS);
			assertThat(client.negotiated().mutual()).isTrue();
			assertThat(mit.info()).startsWith("INFO " + TestRealm.USER + "@" + realm.realm());
			SpnegoKerberosTests.assertRoundTrips(client, mit);
		}
	}

	private static Map<String, String> environment() {
		return Map.of("KRB5_CONFIG", realm.krb5conf().getAbsolutePath(), "KRB5_KTNAME",
				realm.keytab().toAbsolutePath().toString(), "KRB5CCNAME", "MEMORY:spnego-interop");
	}

}
