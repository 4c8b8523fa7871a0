package org.negotiatetcp.mechanism.spnego;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
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
import org.negotiatetcp.mechanism.MechanismContext.NegotiatedContext;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.kerberos.GssMechanismContext;
import org.negotiatetcp.mechanism.kerberos.KerberosClientCredentials;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * SPNEGO over real Kerberos (an embedded KDC): our initiator against our acceptor, and each against the JDK's own
 * SPNEGO implementation, which is independent of ours.
 */
class SpnegoKerberosTests {

	private static final Oid SPNEGO = Mechanism.toOid(Mechanism.SPNEGO_OID);

	@AutoClose
	private static EmbeddedRealm realm;

	private final InitiatorFactory initiators = new InitiatorFactory();

	@BeforeAll
	static void startRealm() throws Exception {
		realm = EmbeddedRealm.start();
	}

	@Test
	void negotiatesKerberosWithMutualAuthenticationAndProtectsDataBothWays() {
		MechanismContext client = this.initiators.create(settings(AuthPackage.SPNEGO, EmbeddedRealm.SERVICE, true));
		byte[] first = client.step(null);
		assertThat(InitialToken.detect(first)).isEqualTo(InitialToken.SPNEGO);
		NegTokenInit init = NegTokenInit.decode(first);
		assertThat(init.mechTypes()).containsExactly(Mechanism.MS_KERBEROS_OID, Mechanism.KERBEROS.oid());
		assertThat(init.mechToken()).isNotNull();
		assertThat(InitialToken.detect(init.mechToken())).isEqualTo(InitialToken.KERBEROS);

		MechanismContext server = acceptors().create(first);
		assertThat(server).isInstanceOf(SpnegoAcceptorContext.class);
		byte[] reply = server.step(first);
		assertThat(server.isEstablished()).isTrue();
		NegTokenResp resp = NegTokenResp.decode(reply);
		assertThat(resp.negState()).isEqualTo(NegState.ACCEPT_COMPLETED);
		assertThat(resp.supportedMech()).isEqualTo(Mechanism.MS_KERBEROS_OID);
		assertThat(resp.responseToken()).as("AP-REP").isNotNull();
		assertThat(resp.mechListMic()).as("first choice selected: no MIC needed").isNull();

		assertThat(client.step(reply)).isEmpty();
		assertThat(client.isEstablished()).isTrue();

		NegotiatedContext onClient = client.negotiated();
		assertThat(onClient.mechanism()).isEqualTo(Mechanism.KERBEROS);
		assertThat(onClient.mutual()).isTrue();
		assertThat(onClient.confidentiality()).isTrue();
		NegotiatedContext onServer = server.negotiated();
		assertThat(onServer.mechanism()).isEqualTo(Mechanism.KERBEROS);
		assertThat(onServer.peerName()).isEqualTo(EmbeddedRealm.USER + "@" + realm.realm());
		assertThat(onServer.anonymous()).isFalse();
		assertThat(((SpnegoContextSupport) client).innerContext()).isInstanceOf(GssMechanismContext.class);

		assertRoundTrips(client, server);
		client.close();
		server.close();
	}

	@Test
	void kerberosWithoutMutualAuthenticationCompletesInOneRoundTrip() {
		MechanismContext client = this.initiators.create(settings(AuthPackage.SPNEGO, EmbeddedRealm.SERVICE, false));
		MechanismContext server = new SpnegoAcceptorContext(List.of(kerberosAcceptor()), false);
		Exchange exchange = new Exchange();
		assertThat(exchange.run(client, server)).isEqualTo(2);
		NegTokenResp last = NegTokenResp.decode(exchange.serverTokens().get(0));
		assertThat(last.negState()).isEqualTo(NegState.ACCEPT_COMPLETED);
		assertThat(last.responseToken()).isNull();
		assertThat(client.negotiated().mutual()).isFalse();
		assertRoundTrips(client, server);
	}

	@Test
	void acceptorEchoesTheKerberosOidTheClientListedFirst() throws Exception {
		for (List<String> order : List.of(List.of(Mechanism.KERBEROS.oid(), Mechanism.MS_KERBEROS_OID),
				List.of(Mechanism.MS_KERBEROS_OID, Mechanism.KERBEROS.oid()), List.of(Mechanism.KERBEROS.oid()))) {
			MechanismContext kerberos = GssMechanismContext.initiator(clientCredential(), TargetName.spn(EmbeddedRealm.SERVICE),
					true, ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION);
			byte[] init = NegTokenInit.of(order, kerberos.step(null)).encode();
			SpnegoAcceptorContext server = new SpnegoAcceptorContext(List.of(kerberosAcceptor()), false);
			NegTokenResp resp = NegTokenResp.decode(server.step(init));
			assertThat(resp.supportedMech()).isEqualTo(order.get(0));
			assertThat(server.selectedMechanismOid()).isEqualTo(order.get(0));
			assertThat(resp.negState()).isEqualTo(NegState.ACCEPT_COMPLETED);
			kerberos.step(resp.responseToken());
			assertThat(kerberos.isEstablished()).isTrue();
		}
	}

	@Test
	void acceptorSkipsUnknownMechanismsAndRequestsAMicWhenItsChoiceIsNotTheFirst() throws Exception {
		String unknown = "1.3.6.1.4.1.311.2.2.30"; // NEGOEX, not supported here
		GssMechanismContext kerberos = GssMechanismContext.initiator(clientCredential(),
				TargetName.spn(EmbeddedRealm.SERVICE), true, ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION);
		byte[] optimisticForUnknown = { 1, 2, 3 };
		List<String> offered = List.of(unknown, Mechanism.KERBEROS.oid());
		byte[] init = NegTokenInit.of(offered, optimisticForUnknown).encode();
		byte[] mechTypes = NegTokenInit.encodeMechTypeList(offered);
		SpnegoAcceptorContext server = new SpnegoAcceptorContext(List.of(kerberosAcceptor()), false);

		NegTokenResp first = NegTokenResp.decode(server.step(init));
		assertThat(first.negState()).isEqualTo(NegState.REQUEST_MIC);
		assertThat(first.supportedMech()).isEqualTo(Mechanism.KERBEROS.oid());
		assertThat(first.responseToken()).as("the optimistic token was for another mechanism").isNull();

		NegTokenResp second = NegTokenResp
			.decode(server.step(new NegTokenResp(null, null, kerberos.step(null), null).encode()));
		assertThat(second.negState()).as("waits for the client's MIC").isEqualTo(NegState.ACCEPT_INCOMPLETE);
		assertThat(second.mechListMic()).isNotNull();
		assertThat(server.isEstablished()).isFalse();
		kerberos.step(second.responseToken());
		kerberos.verifyMic(mechTypes, second.mechListMic());

		NegTokenResp third = NegTokenResp
			.decode(server.step(new NegTokenResp(null, null, null, kerberos.getMic(mechTypes)).encode()));
		assertThat(third.negState()).isEqualTo(NegState.ACCEPT_COMPLETED);
		assertThat(server.isEstablished()).isTrue();
		assertRoundTrips(kerberos, server);
	}

	@Test
	void mechanismListTamperedInTransitIsDetected() {
		MechanismContext client = this.initiators.create(settings(AuthPackage.SPNEGO, EmbeddedRealm.SERVICE, true));
		MechanismContext server = new SpnegoAcceptorContext(List.of(kerberosAcceptor()), false);
		// a man in the middle moves a mechanism it prefers in front of Kerberos
		Exchange exchange = new Exchange().tamperClientTokens((token) -> {
			NegotiationToken decoded = NegotiationToken.decode(token);
			if (decoded instanceof NegTokenInit init) {
				List<String> reordered = new ArrayList<>(init.mechTypes());
				reordered.add(0, Mechanism.NTLM.oid());
				return NegTokenInit.of(reordered, init.mechToken()).encode();
			}
			return token;
		});
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> exchange.run(client, server))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.BAD_TOKEN))
			.withMessageContaining("mechanism list was modified (downgrade attempt)");
		assertThat(client.isEstablished()).isFalse();
		assertThat(NegTokenResp.decode(exchange.serverTokens().get(0)).negState()).isEqualTo(NegState.REQUEST_MIC);
	}

	@Test
	void acceptorDetectsATamperedMechanismListFromTheClientsMic() {
		// without mutual authentication the client's Kerberos context completes first, so its MIC reaches the
		// server before the server's reaches the client
		MechanismContext client = new SpnegoInitiatorContext(List.of(new NegotiableMechanism(Mechanism.KERBEROS,
				() -> GssMechanismContext.initiator(clientCredential(), TargetName.spn(EmbeddedRealm.SERVICE), false,
						ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION))), false);
		MechanismContext server = new SpnegoAcceptorContext(List.of(kerberosAcceptor()), false);
		Exchange exchange = new Exchange().tamperClientTokens((token) -> {
			if (NegotiationToken.decode(token) instanceof NegTokenInit init) {
				List<String> tampered = new ArrayList<>(init.mechTypes());
				tampered.add(0, "1.3.6.1.4.1.311.2.2.30");
				return NegTokenInit.of(tampered, init.mechToken()).encode();
			}
			return token;
		});
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> exchange.run(client, server))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.BAD_TOKEN))
			.withMessageContaining("mechanism list was modified (downgrade attempt)");
		assertThat(server.isEstablished()).isFalse();
		assertThat(exchange.clientTokens()).hasSize(2);
		assertThat(NegTokenResp.decode(exchange.clientTokens().get(1)).mechListMic()).isNotNull();
	}

	@Test
	void unknownSpnWithRequireServerAuthRefusesTheNtlmFallbackNamingTheSetting() {
		MechanismContext client = this.initiators
			.create(settings(AuthPackage.SPNEGO, "host/no-such-host.example", true));
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> client.step(null))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.POLICY))
			.withMessageStartingWith("The target name host/no-such-host.example@")
			.withMessageContaining("SPNEGO did not fall back to NTLM: require-server-auth is true");
	}

	@Test
	void rawKerberosIsRoutedToAKerberosAcceptor() {
		MechanismContext client = this.initiators.create(settings(AuthPackage.KERBEROS, EmbeddedRealm.SERVICE, true));
		byte[] first = client.step(null);
		assertThat(InitialToken.detect(first)).isEqualTo(InitialToken.KERBEROS);
		MechanismContext server = acceptors().create(first);
		assertThat(server).isInstanceOf(GssMechanismContext.class);
		byte[] reply = server.step(first);
		client.step(reply);
		assertThat(client.isEstablished()).isTrue();
		assertThat(server.isEstablished()).isTrue();
		assertRoundTrips(client, server);
	}

	@Test
	void jdkSpnegoInitiatorIsAcceptedByOurAcceptor() throws Exception {
		GSSManager manager = GSSManager.getInstance();
		GSSContext jdk = manager.createContext(serviceName(manager), SPNEGO, clientCredential(),
				GSSContext.DEFAULT_LIFETIME);
		jdk.requestMutualAuth(true);
		jdk.requestConf(true);
		jdk.requestInteg(true);
		byte[] first = jdk.initSecContext(new byte[0], 0, 0);
		MechanismContext server = acceptors().create(first);
		byte[] reply = server.step(first);
		assertThat(server.isEstablished()).isTrue();
		assertThat(NegTokenResp.decode(reply).supportedMech()).isEqualTo(Mechanism.KERBEROS.oid());
		byte[] last = jdk.initSecContext(reply, 0, reply.length);
		assertThat(last).isNullOrEmpty();
		assertThat(jdk.isEstablished()).isTrue();
		assertThat(jdk.getMutualAuthState()).isTrue();
		assertThat(server.negotiated().peerName()).isEqualTo(EmbeddedRealm.USER + "@" + realm.realm());

		byte[] request = "from the JDK".getBytes(StandardCharsets.UTF_8);
		byte[] wrapped = jdk.wrap(request, 0, request.length, new MessageProp(0, true));
		assertThat(server.unwrap(wrapped, 0, wrapped.length)).isEqualTo(request);
		byte[] response = "to the JDK".getBytes(StandardCharsets.UTF_8);
		byte[] sealed = server.wrap(response, 0, response.length, true);
		assertThat(jdk.unwrap(sealed, 0, sealed.length, new MessageProp(0, true))).isEqualTo(response);
		jdk.dispose();
	}

	@Test
	void ourInitiatorIsAcceptedByTheJdkSpnegoAcceptor() throws Exception {
		GSSContext jdk = GSSManager.getInstance().createContext(realm.serviceCredentials().credential());
		MechanismContext client = this.initiators.create(settings(AuthPackage.SPNEGO, EmbeddedRealm.SERVICE, true));
		byte[] first = client.step(null);
		byte[] reply = jdk.acceptSecContext(first, 0, first.length);
		assertThat(jdk.isEstablished()).isTrue();
		NegTokenResp resp = NegTokenResp.decode(reply);
		assertThat(resp.supportedMech()).as("the JDK echoes the client's first Kerberos OID")
			.isEqualTo(Mechanism.MS_KERBEROS_OID);
		assertThat(client.step(reply)).isEmpty();
		assertThat(client.isEstablished()).isTrue();
		assertThat(client.negotiated().mutual()).isTrue();
		assertThat(String.valueOf(jdk.getSrcName())).isEqualTo(EmbeddedRealm.USER + "@" + realm.realm());

		byte[] request = "to the JDK".getBytes(StandardCharsets.UTF_8);
		byte[] wrapped = client.wrap(request, 0, request.length, true);
		assertThat(jdk.unwrap(wrapped, 0, wrapped.length, new MessageProp(0, true))).isEqualTo(request);
		byte[] response = "from the JDK".getBytes(StandardCharsets.UTF_8);
		byte[] sealed = jdk.wrap(response, 0, response.length, new MessageProp(0, true));
		assertThat(client.unwrap(sealed, 0, sealed.length)).isEqualTo(response);
		jdk.dispose();
	}

	@Test
	void stepAfterEstablishmentAndProtectionBeforeItAreRefused() {
		MechanismContext client = this.initiators.create(settings(AuthPackage.SPNEGO, EmbeddedRealm.SERVICE, true));
		MechanismContext server = acceptors().create(new byte[] { 0x60, 0x08, 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 });
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> client.wrap(new byte[1], 0, 1, true))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.PROTOCOL));
		new Exchange().run(client, server);
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> server.step(new byte[] { 1 }))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.PROTOCOL));
	}

	static void assertRoundTrips(MechanismContext client, MechanismContext server) {
		for (boolean confidential : new boolean[] { true, false }) {
			byte[] request = ("request " + confidential).getBytes(StandardCharsets.UTF_8);
			byte[] wrapped = client.wrap(request, 0, request.length, confidential);
			assertThat(wrapped).isNotEqualTo(request);
			assertThat(server.unwrap(wrapped, 0, wrapped.length)).isEqualTo(request);
			byte[] response = ("response " + confidential).getBytes(StandardCharsets.UTF_8);
			byte[] wrappedResponse = server.wrap(response, 0, response.length, confidential);
			assertThat(client.unwrap(wrappedResponse, 0, wrappedResponse.length)).isEqualTo(response);
			if (!confidential) {
				break;
			}
		}
	}

	@Test
	void firstTokenStartsWithoutWaitingOnlyWhenItNeedsNoKdc() {
		// a factory's channels share one credential, and with it one login
		ClientCredential alice = realm.alicePassword();
		InitiatorSettings kerberos = settings(AuthPackage.KERBEROS, alice, ImpersonationLevel.IDENTIFICATION);
		assertThat(this.initiators.startsWithoutWaiting(kerberos)).as("not logged in yet").isFalse();
		MechanismContext first = this.initiators.create(kerberos);
		assertThat(this.initiators.startsWithoutWaiting(kerberos)).as("logged in, no service ticket yet").isFalse();
		first.step(null);
		first.close();

		assertThat(this.initiators.startsWithoutWaiting(kerberos)).as("service ticket cached").isTrue();
		assertThat(this.initiators
			.startsWithoutWaiting(settings(AuthPackage.SPNEGO, alice, ImpersonationLevel.IDENTIFICATION))).isTrue();
		assertThat(this.initiators.startsWithoutWaiting(new InitiatorSettings(AuthPackage.KERBEROS,
				TargetName.spn("host/other.example"), alice, true, ProtectionLevel.ENCRYPT_AND_SIGN,
				ImpersonationLevel.IDENTIFICATION)))
			.as("no ticket for another service")
			.isFalse();
		assertThat(this.initiators
			.startsWithoutWaiting(settings(AuthPackage.KERBEROS, alice, ImpersonationLevel.DELEGATION)))
			.as("delegation asks the KDC for a forwarded ticket")
			.isFalse();
		assertThat(this.initiators.startsWithoutWaiting(settings(AuthPackage.KERBEROS, realm.alicePassword(),
				ImpersonationLevel.IDENTIFICATION)))
			.as("another credential, not logged in")
			.isFalse();

		// what the check promised: the next context starts from the cached ticket
		MechanismContext second = this.initiators.create(kerberos);
		byte[] token = second.step(null);
		MechanismContext server = acceptors().create(token);
		server.step(token);
		assertThat(server.isEstablished()).isTrue();
		second.close();
		server.close();
	}

	private static InitiatorSettings settings(AuthPackage authPackage, ClientCredential credential,
			ImpersonationLevel impersonation) {
		return new InitiatorSettings(authPackage, TargetName.spn(EmbeddedRealm.SERVICE), credential, true,
				ProtectionLevel.ENCRYPT_AND_SIGN, impersonation);
	}

	private InitiatorSettings settings(AuthPackage authPackage, String spn, boolean requireServerAuth) {
		return new InitiatorSettings(authPackage, TargetName.spn(spn), realm.alicePassword(), requireServerAuth,
				ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION);
	}

	private static AcceptorFactory acceptors() {
		return new AcceptorFactory(new AcceptorSettings(realm.serviceCredentials(), null, ProtectionLevel.SIGN, false));
	}

	private static NegotiableMechanism kerberosAcceptor() {
		return new NegotiableMechanism(Mechanism.KERBEROS,
				() -> GssMechanismContext.acceptor(realm.serviceCredentials().credential(), false));
	}

	private static GSSCredential clientCredential() {
		return new KerberosClientCredentials(realm.alicePassword()).credential();
	}

	private static GSSName serviceName(GSSManager manager) throws Exception {
		return manager.createName(EmbeddedRealm.SERVICE, new Oid("1.2.840.113554.1.2.2.1"));
	}

}
