package org.negotiatetcp.mechanism.spnego;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.spnego.AcceptorFactory;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.spnego.InitiatorFactory;
import org.negotiatetcp.mechanism.InitiatorSettings;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SPNEGO against MIT krb5's own SPNEGO (python3-gssapi) in both roles, over the embedded KDC.
 */
@Tag("interop")
class SpnegoMitInteropTests {

	@AutoClose
	private static EmbeddedRealm realm;

	@BeforeAll
	static void startRealm() throws Exception {
		assumeTrue(MitGssPeer.available(), "python3-gssapi is not installed (" + MitGssPeer.PYTHON
				+ " -c 'import gssapi' fails); install python3-gssapi to run the MIT interop tests");
		realm = EmbeddedRealm.start();
	}

	@Test
	void mitSpnegoInitiatorIsAcceptedByOurAcceptor() throws Exception {
		try (MitGssPeer mit = MitGssPeer.initiator(environment(), Mechanism.SPNEGO_OID,
				EmbeddedRealm.SERVICE + "@" + realm.realm(), EmbeddedRealm.USER + "@" + realm.realm(), EmbeddedRealm.PASSWORD)) {
			MechanismContext server = new AcceptorFactory(
					new AcceptorSettings(realm.serviceCredentials(), null, ProtectionLevel.ENCRYPT_AND_SIGN, false))
				.create(new byte[] { 0x60, 0x08, 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 });
			Exchange exchange = new Exchange();
			exchange.run(mit, server);
			NegTokenInit init = NegTokenInit.decode(exchange.clientTokens().get(0));
			assertThat(init.mechTypes()).contains(Mechanism.KERBEROS.oid());
			assertThat(server.negotiated().mechanism()).isEqualTo(Mechanism.KERBEROS);
			assertThat(server.negotiated().peerName()).isEqualTo(EmbeddedRealm.USER + "@" + realm.realm());
			assertThat(mit.info()).endsWith(Mechanism.KERBEROS.oid());
			SpnegoKerberosTests.assertRoundTrips(mit, server);
		}
	}

	@Test
	void ourInitiatorIsAcceptedByMitSpnegoAcceptor() throws Exception {
		try (MitGssPeer mit = MitGssPeer.acceptor(environment(), Mechanism.SPNEGO_OID)) {
			MechanismContext client = new InitiatorFactory().create(new InitiatorSettings(AuthPackage.SPNEGO,
					TargetName.spn(EmbeddedRealm.SERVICE), realm.alicePassword(), true, ProtectionLevel.ENCRYPT_AND_SIGN,
					ImpersonationLevel.IDENTIFICATION));
			Exchange exchange = new Exchange();
			exchange.run(client, mit);
			assertThat(client.negotiated().mechanism()).isEqualTo(Mechanism.KERBEROS);
			assertThat(client.negotiated().mutual()).isTrue();
			assertThat(mit.info()).startsWith("INFO " + EmbeddedRealm.USER + "@" + realm.realm());
			SpnegoKerberosTests.assertRoundTrips(client, mit);
		}
	}

	@Test
	void mitSpnegoFallingBackToNtlmIsAcceptedByOurAcceptor(@TempDir Path directory) throws Exception {
		// no Kerberos ticket on the MIT side: its SPNEGO falls back to gss-ntlmssp
		try (MitGssPeer mit = MitGssPeer.ntlmInitiator(ntlmEnvironment(directory), Mechanism.SPNEGO_OID,
				"host@srv1.example.com", "EXAMPLE\\alice")) {
			AcceptorFactory acceptors = new AcceptorFactory(new AcceptorSettings(realm.serviceCredentials(),
					SpnegoNtlmTests.accounts(), ProtectionLevel.ENCRYPT_AND_SIGN, false, SpnegoNtlmTests.NAMES));
			Exchange exchange = new Exchange();
			byte[] first = mit.step(null);
			MechanismContext server = acceptors.create(first);
			exchange.run(mit, first, server);
			assertThat(NegTokenInit.decode(first).mechTypes()).contains(Mechanism.NTLM.oid());
			assertThat(NegTokenResp.decode(exchange.clientTokens().get(1)).mechListMic()).isNotNull();
			assertThat(NegTokenResp.decode(exchange.serverTokens().get(1)).mechListMic()).isNotNull();
			assertThat(server.negotiated().mechanism()).isEqualTo(Mechanism.NTLM);
			assertThat(server.negotiated().peerName()).isEqualTo("EXAMPLE\\alice");
			assertThat(mit.info()).endsWith(Mechanism.NTLM.oid());
			// sealed data both ways proves both sides reset RC4 after the mechListMIC exchange alike
			SpnegoNtlmTests.assertNtlmRoundTrips(mit, server, 3);
		}
	}

	@Test
	void ourSpnegoNtlmInitiatorIsAcceptedByMitSpnegoAcceptor(@TempDir Path directory) throws Exception {
		try (MitGssPeer mit = MitGssPeer.acceptor(ntlmEnvironment(directory), Mechanism.SPNEGO_OID)) {
			MechanismContext client = new InitiatorFactory().create(new InitiatorSettings(AuthPackage.SPNEGO,
					TargetName.spn("host/srv1.example.com"), new ClientCredential.Password("EXAMPLE\\alice", SpnegoNtlmTests.PASSWORD.toCharArray()),
					false, ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION));
			Exchange exchange = new Exchange();
			exchange.run(client, mit);
			// the SPN is unknown to the KDC: our SPNEGO dropped Kerberos and led with NTLM
			assertThat(NegTokenInit.decode(exchange.clientTokens().get(0)).mechTypes())
				.containsExactly(Mechanism.NTLM.oid());
			assertThat(NegTokenResp.decode(exchange.clientTokens().get(1)).mechListMic()).isNotNull();
			assertThat(NegTokenResp.decode(exchange.serverTokens().get(1)).mechListMic()).isNotNull();
			assertThat(client.negotiated().mechanism()).isEqualTo(Mechanism.NTLM);
			assertThat(mit.info()).endsWith(Mechanism.NTLM.oid());
			SpnegoNtlmTests.assertNtlmRoundTrips(client, mit, 3);
		}
	}

	private static Map<String, String> ntlmEnvironment(Path directory) throws IOException {
		Path users = directory.resolve("ntlm-users");
		Files.writeString(users, "EXAMPLE:alice:" + SpnegoNtlmTests.PASSWORD + "\n");
		return Map.of("KRB5_CONFIG", realm.kdc().krb5Conf().toAbsolutePath().toString(), "KRB5CCNAME", "MEMORY:spnego-ntlm",
				"KRB5_KTNAME", directory.resolve("none.keytab").toString(), "NTLM_USER_FILE", users.toString());
	}

	private static Map<String, String> environment() {
		return Map.of("KRB5_CONFIG", realm.kdc().krb5Conf().toAbsolutePath().toString(), "KRB5_KTNAME",
				realm.serviceKeytab().toAbsolutePath().toString(), "KRB5CCNAME", "MEMORY:spnego-interop");
	}

}
