package org.negotiatetcp.mechanism.spnego;

import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.ntlm.NtlmAcceptorOptions;
import org.negotiatetcp.mechanism.spnego.AcceptorFactory;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.spnego.InitiatorFactory;
import org.negotiatetcp.mechanism.InitiatorSettings;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The package-selection policy with a real KDC: SPNEGO falls back from Kerberos to NTLM only when
 * {@code require-server-auth} allows it, and a mechanism list changed in transit is detected.
 */
class SpnegoFallbackTests {

	private static final String UNKNOWN_SPN = "host/no-such-host.example";

	private static final String STRANGER = "bob";

	@AutoClose
	private static EmbeddedRealm realm;

	private final InitiatorFactory initiators = new InitiatorFactory();

	@BeforeAll
	static void startRealm() throws Exception {
		realm = EmbeddedRealm.start();
	}

	private static InMemoryNtlmAccountStore accounts() {
		return new InMemoryNtlmAccountStore()
			.addAnyDomain(EmbeddedRealm.USER + "@" + realm.realm(), EmbeddedRealm.PASSWORD.toCharArray())
			.addAnyDomain(stranger().principal(), EmbeddedRealm.PASSWORD.toCharArray());
	}

	private static ClientCredential.Password stranger() {
		// not in the KDC: the Kerberos login fails
		return new ClientCredential.Password(STRANGER + "@" + realm.realm(), EmbeddedRealm.PASSWORD.toCharArray());
	}

	private static AcceptorFactory server(boolean kerberos, boolean ntlm) {
		return new AcceptorFactory(new AcceptorSettings(kerberos ? realm.serviceCredentials() : null,
				ntlm ? accounts() : null, ProtectionLevel.ENCRYPT_AND_SIGN, false, SpnegoNtlmTests.NAMES)
			// clients reach this server by a name the KDC does not know (an alias): the NTLM acceptor answers to it
			.withNtlmOptions(NtlmAcceptorOptions.DEFAULTS.withTargetNames(java.util.Set.of(UNKNOWN_SPN))));
	}

	private static InitiatorSettings settings(ClientCredential credential, String spn, boolean requireServerAuth) {
		return new InitiatorSettings(AuthPackage.SPNEGO, TargetName.spn(spn), credential, requireServerAuth,
				ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION);
	}

	@Test
	void unknownSpnFallsBackToNtlmWhenServerAuthenticationIsNotRequired() {
		MechanismContext client = this.initiators.create(settings(realm.alicePassword(), UNKNOWN_SPN, false));
		Exchange exchange = new Exchange();
		MechanismContext server = exchange.run(client, server(true, true));
		assertThat(NegTokenInit.decode(exchange.clientTokens().get(0)).mechTypes())
			.containsExactly(Mechanism.NTLM.oid());
		assertThat(client.negotiated().mechanism()).isEqualTo(Mechanism.NTLM);
		assertThat(server.negotiated().mechanism()).isEqualTo(Mechanism.NTLM);
		assertThat(client.negotiated().mutual()).isFalse();
		SpnegoNtlmTests.assertNtlmRoundTrips(client, server, 2);
	}

	@Test
	void failedKerberosLoginFallsBackToNtlmWhenServerAuthenticationIsNotRequired() {
		MechanismContext client = this.initiators.create(settings(stranger(), EmbeddedRealm.SERVICE, false));
		MechanismContext server = new Exchange().run(client, server(true, true));
		assertThat(server.negotiated().mechanism()).isEqualTo(Mechanism.NTLM);
		assertThat(server.negotiated().peerName()).endsWith(STRANGER + "@" + realm.realm());
	}

	@Test
	void failedKerberosLoginWithRequireServerAuthRefusesTheFallback() {
		MechanismContext client = this.initiators.create(settings(stranger(), EmbeddedRealm.SERVICE, true));
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> client.step(null))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.POLICY))
			.withMessageStartingWith("The principal " + STRANGER + "@" + realm.realm() + " is not known to the KDC")
			.withMessageContaining("SPNEGO did not fall back to NTLM: require-server-auth is true")
			.satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(MechanismException.class));
	}

	@Test
	void wrongKerberosPasswordFailsWithBadCredentialsInsteadOfFallingBack() {
		ClientCredential wrong = new ClientCredential.Password(EmbeddedRealm.USER + "@" + realm.realm(),
				"wrong".toCharArray());
		for (boolean requireServerAuth : new boolean[] { true, false }) {
			MechanismContext client = this.initiators.create(settings(wrong, EmbeddedRealm.SERVICE, requireServerAuth));
			assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> client.step(null))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.BAD_CREDENTIALS))
				.withMessageContaining(EmbeddedRealm.USER);
		}
	}

	@Test
	void serverWithoutKerberosMakesTheClientSwitchToNtlmUnderMechListMics() {
		MechanismContext client = this.initiators.create(settings(realm.alicePassword(), EmbeddedRealm.SERVICE, false));
		Exchange exchange = new Exchange();
		MechanismContext server = exchange.run(client, server(false, true));
		NegTokenInit init = NegTokenInit.decode(exchange.clientTokens().get(0));
		assertThat(init.mechTypes()).containsExactly(Mechanism.MS_KERBEROS_OID, Mechanism.KERBEROS.oid(),
				Mechanism.NTLM.oid());
		NegTokenResp first = NegTokenResp.decode(exchange.serverTokens().get(0));
		assertThat(first.negState()).isEqualTo(NegState.REQUEST_MIC);
		assertThat(first.supportedMech()).isEqualTo(Mechanism.NTLM.oid());
		assertThat(first.responseToken()).isNull();
		assertThat(exchange.clientTokens()).hasSize(3);
		assertThat(NegTokenResp.decode(exchange.clientTokens().get(2)).mechListMic()).isNotNull();
		assertThat(NegTokenResp.decode(exchange.serverTokens().get(2)).mechListMic()).isNotNull();
		assertThat(client.negotiated().mechanism()).isEqualTo(Mechanism.NTLM);
		SpnegoNtlmTests.assertNtlmRoundTrips(client, server, 2);
	}

	@Test
	void serverWithoutKerberosAndRequireServerAuthFailsInsteadOfDowngrading() {
		MechanismContext client = this.initiators.create(settings(realm.alicePassword(), EmbeddedRealm.SERVICE, true));
		assertThatExceptionOfType(MechanismException.class)
			.isThrownBy(() -> new Exchange().run(client, server(false, true)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.UNSUPPORTED_MECHANISM));
	}

	@Test
	void downgradeByStrippingKerberosFromTheListIsDetected() {
		MechanismContext client = this.initiators.create(settings(realm.alicePassword(), EmbeddedRealm.SERVICE, false));
		Exchange exchange = new Exchange().tamperClientTokens((token) -> {
			if (NegotiationToken.decode(token) instanceof NegTokenInit) {
				return NegTokenInit.of(List.of(Mechanism.NTLM.oid()), null).encode();
			}
			return token;
		});
		assertThatExceptionOfType(MechanismException.class)
			.isThrownBy(() -> exchange.run(client, server(true, true)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.BAD_TOKEN))
			.withMessageContaining("mechanism list was modified (downgrade attempt)");
		assertThat(exchange.server().isEstablished()).isFalse();
	}

}
