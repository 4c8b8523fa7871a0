package org.negotiatetcp.mechanism.spnego;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.spnego.AcceptorFactory;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.InitialToken;
import org.negotiatetcp.mechanism.spnego.InitiatorFactory;
import org.negotiatetcp.mechanism.InitiatorSettings;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.mechanism.ntlm.NtlmAcceptorContext;
import org.negotiatetcp.mechanism.ntlm.NtlmCredential;
import org.negotiatetcp.mechanism.ntlm.NtlmInitiatorContext;
import org.negotiatetcp.mechanism.ntlm.NtlmInitiatorOptions;
import org.negotiatetcp.mechanism.ntlm.NtlmServerNames;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * SPNEGO over NTLM, raw NTLM routing and the anonymous-client policy, without a KDC.
 */
class SpnegoNtlmTests {

	static final String SPN = "host/srv1.example.com";

	static final String PASSWORD = "Secret-1";

	static final NtlmServerNames NAMES = NtlmServerNames.forHost("srv1.example.com");

	private static final List<String> NTLM_ONLY = List.of(Mechanism.NTLM.oid());

	private final InitiatorFactory initiators = new InitiatorFactory();

	static InMemoryNtlmAccountStore accounts() {
		return new InMemoryNtlmAccountStore().add("EXAMPLE", "alice", PASSWORD.toCharArray());
	}

	static AcceptorFactory ntlmServer(boolean allowAnonymous) {
		return new AcceptorFactory(new AcceptorSettings(null, accounts(), ProtectionLevel.ENCRYPT_AND_SIGN,
				allowAnonymous, NAMES));
	}

	static NegotiableMechanism ntlmClient(String password) {
		return new NegotiableMechanism(Mechanism.NTLM,
				() -> new NtlmInitiatorContext(NtlmCredential.password("EXAMPLE", "alice", password.toCharArray()), SPN,
						NtlmInitiatorOptions.of(ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION)));
	}

	static NegotiableMechanism ntlmAcceptorMechanism() {
		return new NegotiableMechanism(Mechanism.NTLM, () -> new NtlmAcceptorContext(accounts(), NAMES, false));
	}

	private InitiatorSettings settings(AuthPackage authPackage, ClientCredential credential, boolean requireServerAuth) {
		return new InitiatorSettings(authPackage, TargetName.spn(SPN), credential, requireServerAuth,
				ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION);
	}

	@Test
	void spnegoNtlmExchangesMechListMicsInFourLegsAndProtectsDataBothWays() {
		MechanismContext client = new SpnegoInitiatorContext(List.of(ntlmClient(PASSWORD)), false);
		byte[] first = client.step(null);
		MechanismContext server = ntlmServer(false).create(first);
		assertThat(server).isInstanceOf(SpnegoAcceptorContext.class);

		NegTokenResp challenge = NegTokenResp.decode(server.step(first));
		assertThat(challenge.negState()).isEqualTo(NegState.ACCEPT_INCOMPLETE);
		assertThat(challenge.supportedMech()).isEqualTo(Mechanism.NTLM.oid());
		assertThat(InitialToken.detect(challenge.responseToken())).isEqualTo(InitialToken.NTLM);

		NegTokenResp authenticate = NegTokenResp.decode(client.step(challenge.encode()));
		assertThat(authenticate.responseToken()).isNotNull();
		assertThat(authenticate.mechListMic()).as("NTLM put a MIC in AUTHENTICATE, so SPNEGO sends one").isNotNull();
		assertThat(client.isEstablished()).isFalse();

		NegTokenResp completed = NegTokenResp.decode(server.step(authenticate.encode()));
		assertThat(completed.negState()).isEqualTo(NegState.ACCEPT_COMPLETED);
		assertThat(completed.mechListMic()).isNotNull();
		assertThat(completed.responseToken()).isNull();
		assertThat(server.isEstablished()).isTrue();

		assertThat(client.step(completed.encode())).isEmpty();
		assertThat(client.isEstablished()).isTrue();
		assertThat(client.negotiated().mechanism()).isEqualTo(Mechanism.NTLM);
		assertThat(client.negotiated().mutual()).isFalse();
		assertThat(server.negotiated().peerName()).isEqualTo("EXAMPLE\\alice");
		assertNtlmRoundTrips(client, server, 3);
	}

	@Test
	void acceptorSendsItsMicFirstAndWaitsForTheClientsWhenTheClientOmitsIt() {
		// a client that, like some older peers, leaves the mechListMIC out of its AUTHENTICATE leg
		HandDrivenExchange exchange = HandDrivenExchange.untilAuthenticate();
		NtlmInitiatorContext ntlm = exchange.ntlm();
		byte[] mechTypes = exchange.mechTypes();
		MechanismContext server = exchange.server();

		NegTokenResp serverMic = NegTokenResp
			.decode(server.step(new NegTokenResp(null, null, exchange.authenticate(), null).encode()));
		assertThat(serverMic.negState()).isEqualTo(NegState.ACCEPT_INCOMPLETE);
		assertThat(serverMic.mechListMic()).isNotNull();
		assertThat(server.isEstablished()).isFalse();
		ntlm.verifyMic(mechTypes, serverMic.mechListMic());
		byte[] clientMic = ntlm.getMic(mechTypes);

		NegTokenResp done = NegTokenResp.decode(server.step(new NegTokenResp(null, null, null, clientMic).encode()));
		assertThat(done.negState()).isEqualTo(NegState.ACCEPT_COMPLETED);
		assertThat(server.isEstablished()).isTrue();
		// [MS-SPNG] 3.2.5.1: both sides re-initialise RC4 after the mechListMIC exchange
		ntlm.resetSealingState();
		assertNtlmRoundTrips(ntlm, server, 2);
	}

	@Test
	void acceptorResetsRc4AfterTheMechListMicSoAClientThatDoesNotIsRejected() {
		// the negative control of the test above: without the client's reset the first sealed message fails
		HandDrivenExchange exchange = HandDrivenExchange.untilAuthenticate();
		NtlmInitiatorContext ntlm = exchange.ntlm();
		byte[] mechTypes = exchange.mechTypes();
		MechanismContext server = exchange.server();
		byte[] authenticateWithMic = new NegTokenResp(null, null, exchange.authenticate(), ntlm.getMic(mechTypes))
			.encode();
		NegTokenResp done = NegTokenResp.decode(server.step(authenticateWithMic));
		ntlm.verifyMic(mechTypes, done.mechListMic());
		byte[] message = "not reset".getBytes(StandardCharsets.UTF_8);
		byte[] sealed = ntlm.wrap(message, 0, message.length, true);
		assertThatExceptionOfType(MechanismException.class)
			.isThrownBy(() -> server.unwrap(sealed, 0, sealed.length));
	}

	@Test
	void wrongPasswordIsRefused() {
		MechanismContext client = new SpnegoInitiatorContext(List.of(ntlmClient("wrong")), false);
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> new Exchange().run(client, ntlmServer(false)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.BAD_CREDENTIALS));
	}

	@Test
	void spnegoFactoryOffersOnlyNtlmToAnAnonymousClient() {
		MechanismContext client = this.initiators
			.create(settings(AuthPackage.SPNEGO, new ClientCredential.Anonymous(), false));
		assertThat(NegTokenInit.decode(client.step(null)).mechTypes()).containsExactly(Mechanism.NTLM.oid());
	}

	@Test
	void anonymousSpnegoClientIsRefusedUnlessAllowed() {
		MechanismContext client = this.initiators
			.create(settings(AuthPackage.SPNEGO, new ClientCredential.Anonymous(), false));
		byte[] first = client.step(null);
		MechanismContext server = ntlmServer(false).create(first);
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> {
			byte[] toClient = server.step(first);
			server.step(client.step(toClient));
		})
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.POLICY))
			.withMessageContaining("allow-anonymous-clients");
	}

	@Test
	void anonymousSpnegoClientIsAcceptedWhenAllowed() {
		MechanismContext client = this.initiators
			.create(settings(AuthPackage.SPNEGO, new ClientCredential.Anonymous(), false));
		MechanismContext server = new Exchange().run(client, ntlmServer(true));
		assertThat(server).isInstanceOf(SpnegoAcceptorContext.class);
		assertThat(server.negotiated().anonymous()).isTrue();
		assertThat(server.negotiated().peerName()).isEqualTo(NtlmAcceptorContext.ANONYMOUS_NAME);
		assertThat(server.negotiated().impersonationLevel()).isEqualTo(ImpersonationLevel.ANONYMOUS);
		assertThat(client.negotiated().anonymous()).isTrue();
	}

	@Test
	void anonymousRawNtlmClientIsRefusedUnlessAllowed() {
		for (boolean allowed : new boolean[] { false, true }) {
			MechanismContext client = this.initiators
				.create(settings(AuthPackage.NTLM, new ClientCredential.Anonymous(), false));
			Exchange exchange = new Exchange();
			if (allowed) {
				MechanismContext server = exchange.run(client, ntlmServer(true));
				assertThat(server).isInstanceOf(NtlmAcceptorContext.class);
				assertThat(server.negotiated().anonymous()).isTrue();
			}
			else {
				assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> exchange.run(client, ntlmServer(false)))
					.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.POLICY))
					.withMessageContaining("allow-anonymous-clients");
			}
		}
	}

	@Test
	void anonymousClientWithRequireServerAuthIsRefusedByPolicy() {
		assertThatExceptionOfType(MechanismException.class)
			.isThrownBy(() -> this.initiators.create(settings(AuthPackage.SPNEGO, new ClientCredential.Anonymous(), true)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.POLICY))
			.withMessageContaining("require-server-auth");
	}

	@Test
	void rawNtlmIsRoutedToTheNtlmAcceptor() {
		ClientCredential alice = new ClientCredential.Password("EXAMPLE\\alice", PASSWORD.toCharArray());
		MechanismContext client = this.initiators.create(settings(AuthPackage.NTLM, alice, false));
		assertThat(client).isInstanceOf(NtlmInitiatorContext.class);
		Exchange exchange = new Exchange();
		MechanismContext server = exchange.run(client, ntlmServer(false));
		assertThat(InitialToken.detect(exchange.clientTokens().get(0))).isEqualTo(InitialToken.NTLM);
		assertThat(server).isInstanceOf(NtlmAcceptorContext.class);
		assertThat(exchange.clientTokens()).hasSize(2);
		assertThat(exchange.serverTokens()).hasSize(1);
		assertThat(server.negotiated().peerName()).isEqualTo("EXAMPLE\\alice");
		assertNtlmRoundTrips(client, server, 2);
	}

	@Test
	void rawNtlmWithRequireServerAuthIsRefusedByPolicy() {
		ClientCredential alice = new ClientCredential.Password("EXAMPLE\\alice", PASSWORD.toCharArray());
		assertThatExceptionOfType(MechanismException.class)
			.isThrownBy(() -> this.initiators.create(settings(AuthPackage.NTLM, alice, true)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.POLICY))
			.withMessageContaining("require-server-auth");
	}

	@Test
	void serverWithoutAnNtlmAccountStoreRefusesNtlm() {
		AcceptorFactory kerberosOnlyOrNothing = new AcceptorFactory(
				new AcceptorSettings(null, null, ProtectionLevel.ENCRYPT_AND_SIGN, false));
		MechanismContext client = new SpnegoInitiatorContext(List.of(ntlmClient(PASSWORD)), false);
		byte[] spnego = client.step(null);
		byte[] raw = ((NtlmInitiatorContext) ntlmClient(PASSWORD).starter().get()).step(null);
		for (byte[] first : List.of(spnego, raw)) {
			assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> kerberosOnlyOrNothing.create(first))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.UNSUPPORTED_MECHANISM));
		}
	}

	@Test
	void acceptorWithoutACommonMechanismSaysWhatBothSidesSupport() {
		byte[] init = NegTokenInit.of(List.of("1.2.3.4", Mechanism.KERBEROS.oid()), new byte[] { 1 }).encode();
		MechanismContext server = ntlmServer(false).create(init);
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> server.step(init))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.UNSUPPORTED_MECHANISM))
			.withMessageContaining("1.2.3.4")
			.withMessageContaining(Mechanism.NTLM.oid());
	}

	/**
	 * SPNEGO over NTLM driven by hand with a bare NTLM initiator: NegTokenInit (NTLM only, NEGOTIATE), the acceptor's
	 * CHALLENGE, and the initiator's AUTHENTICATE, not sent yet, so that a test decides which mechListMIC goes with it.
	 *
	 * @param ntlm the initiator, after AUTHENTICATE
	 * @param mechTypes the DER MechTypeList the MICs cover
	 * @param server the acceptor, waiting for AUTHENTICATE
	 * @param authenticate the AUTHENTICATE message
	 */
	private record HandDrivenExchange(NtlmInitiatorContext ntlm, byte[] mechTypes, MechanismContext server,
			byte[] authenticate) {

		static HandDrivenExchange untilAuthenticate() {
			NtlmInitiatorContext ntlm = (NtlmInitiatorContext) ntlmClient(PASSWORD).starter().get();
			byte[] mechTypes = NegTokenInit.encodeMechTypeList(NTLM_ONLY);
			byte[] init = NegTokenInit.of(NTLM_ONLY, ntlm.step(null)).encode();
			MechanismContext server = ntlmServer(false).create(init);
			NegTokenResp challenge = NegTokenResp.decode(server.step(init));
			return new HandDrivenExchange(ntlm, mechTypes, server, ntlm.step(challenge.responseToken()));
		}

	}

	static void assertNtlmRoundTrips(MechanismContext client, MechanismContext server, int count) {
		boolean sealed = ((client instanceof MitGssPeer) ? server : client).negotiated().confidentiality();
		for (int i = 0; i < count; i++) {
			byte[] request = ("request " + i).getBytes(StandardCharsets.UTF_8);
			byte[] wrapped = client.wrap(request, 0, request.length, sealed);
			assertThat(server.unwrap(wrapped, 0, wrapped.length)).isEqualTo(request);
			byte[] response = ("response " + i).getBytes(StandardCharsets.UTF_8);
			byte[] wrappedResponse = server.wrap(response, 0, response.length, sealed);
			assertThat(client.unwrap(wrappedResponse, 0, wrappedResponse.length)).isEqualTo(response);
		}
	}

}
