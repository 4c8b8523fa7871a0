package org.negotiatetcp.boot.testcontainers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.boot.autoconfigure.NegotiateClientAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateCredentialsAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateServerAutoConfiguration;
import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.boot.context.NegotiateServerPortInfoApplicationContextInitializer;
import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.identity.EndpointIdentity;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.KerberosConfiguration;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delegation against a real Active Directory KDC (Samba 4.17, {@link SambaAdDomain}; skipped without a Docker API):
 * an auto-configured front server opens a back-end endpoint (a raw server with the keytab of the computer account
 * {@code backend$}, which has two SPNs) as its client with
 * {@code NegotiateEndpoint.openAs(securityInfo)}, the way {@code negotiate.tcp.client.endpoints.<name>.delegation}
 * says.
 * <ul>
 * <li>constrained (S4U2Self + S4U2Proxy with the front's service account, whose {@code msDS-AllowedToDelegateTo}
 * lists one back-end SPN): a Kerberos client that did not delegate, and an NTLM client (protocol transition: the front's
 * NTLM account store knows {@code EXAMPLE\alice}, the DC knows {@code alice@EXAMPLE.TEST}) reach the back end, which
 * sees alice (with her PAC); the back end's other SPN is refused by the KDC with a typed error naming it and
 * {@code msDS-AllowedToDelegateTo};</li>
 * <li>unconstrained: a client that allows delegation forwards its TGT to a front whose account is trusted for
 * delegation (ok-as-delegate), which calls the back end with it; to a front without ok-as-delegate it forwards
 * nothing, and acting as it is refused with {@code RPC_S_NO_CONTEXT_AVAILABLE}.</li>
 * </ul>
 */
@Tag("interop")
@Testcontainers(disabledWithoutDocker = true)
class ActiveDirectoryDelegationTests {

	private static SambaAdContainer dc;

	private static DisposableNegotiateServer backend;

	@BeforeAll
	static void start() {
		dc = SambaAdDomain.dc();
		KerberosConfiguration.use(dc.getKrb5Conf());
		AcceptorSettings acceptor = new AcceptorSettings(
				KerberosServiceCredentials.load(new ServiceCredential(dc.getKeytab("backend"), null)), null,
				ProtectionLevel.ENCRYPT_AND_SIGN, false);
		NegotiateChannelHandler handler = (channel) -> {
			SecurityInfo info = channel.securityInfo();
			return channel.send(channel.receive()
				.map((buf) -> Unpooled.copiedBuffer("backend: " + buf.toString(StandardCharsets.UTF_8) + " for "
						+ info.peerName() + " (" + info.mechanism() + ", " + info.impersonationLevel() + ", PAC of "
						+ info.authorizationContext().logonName() + ")", StandardCharsets.UTF_8)));
		};
		backend = NegotiateServer
			.create(new ServerSettings(ChannelMode.NET_TCP, Set.of("/backend"), acceptor, ChannelLimits.DEFAULTS),
					handler)
			.bindNow();
	}

	@AfterAll
	static void stop() {
		if (backend != null) {
			backend.disposeNow(Duration.ofSeconds(5));
		}
	}

	@Test
	void constrainedDelegationActsAsAKerberosClientThatDidNotDelegate() {
		front("svc-front", SambaAdDomain.FRONT_SPN).run((context) -> {
			String reply = call(context.getBean(FrontPort.class).port(), SambaAdDomain.FRONT_SPN, kerberosAlice(),
					"backend");
			// the client did not delegate: the front has no forwarded ticket, yet acts as alice; the back end sees her at
			// the level the endpoint allows (identification by default: our client sends the identify flag)
			assertThat(reply).doesNotStartWith("front (DELEGATION)")
				.endsWith(" -> backend: hello for alice@EXAMPLE.TEST (KERBEROS, IDENTIFICATION, PAC of alice)");
		});
	}

	@Test
	void constrainedDelegationActsAsAnNtlmClientThroughProtocolTransition() {
		front("svc-front", SambaAdDomain.FRONT_SPN).run((context) -> {
			ClientSettings ntlm = ClientSettings
				.of(new ClientCredential.Password("EXAMPLE\\alice", SambaAdDomain.ALICE_PASSWORD.toCharArray()))
				.withAuthPackage(AuthPackage.NTLM)
				.withRequireServerAuth(false)
				.withAllowedImpersonation(ImpersonationLevel.IMPERSONATION);
			String reply = call(context.getBean(FrontPort.class).port(), SambaAdDomain.FRONT_SPN, ntlm, "backend");
			assertThat(reply).isEqualTo("front (IMPERSONATION) -> backend: hello for alice@EXAMPLE.TEST (KERBEROS, "
					+ "IDENTIFICATION, PAC of alice)");
		});
	}

	@Test
	void constrainedDelegationToAnSpnOutsideMsDsAllowedToDelegateToIsRefusedByTheKdc() {
		front("svc-front", SambaAdDomain.FRONT_SPN).run((context) -> {
			String reply = call(context.getBean(FrontPort.class).port(), SambaAdDomain.FRONT_SPN, kerberosAlice(),
					"other");
			assertThat(reply).contains(" -> ConstrainedDelegationException: ")
				.contains("svc-front@EXAMPLE.TEST", "alice@EXAMPLE.TEST", SambaAdDomain.OTHER_SPN,
						"msDS-AllowedToDelegateTo");
		});
	}

	@Test
	void constrainedDelegationWithoutProtocolTransitionIsRefusedByTheKdc() {
		// "Use Kerberos only": the KDC's S4U2Self ticket is not forwardable, which the JDK refuses at once (S4U2Proxy
		// could not use it), even towards an SPN in msDS-AllowedToDelegateTo
		front("svc-kerbonly", SambaAdDomain.KERBEROS_ONLY_SPN).run((context) -> {
			String reply = call(context.getBean(FrontPort.class).port(), SambaAdDomain.KERBEROS_ONLY_SPN,
					kerberosAlice(), "backend");
			assertThat(reply).contains(" -> ConstrainedDelegationException: ")
				.contains("svc-kerbonly@EXAMPLE.TEST", "alice@EXAMPLE.TEST", "(S4U2Self)",
						"TRUSTED_TO_AUTH_FOR_DELEGATION");
		});
	}

	@Test
	void unconstrainedDelegationUsesTheTgtForwardedToAnOkAsDelegateService() {
		front("svc-orders", SambaAdDomain.ORDERS_SPN).run((context) -> {
			String reply = call(context.getBean(FrontPort.class).port(), SambaAdDomain.ORDERS_SPN,
					kerberosAlice().withAllowedImpersonation(ImpersonationLevel.DELEGATION), "onward");
			assertThat(reply).isEqualTo("front (DELEGATION) -> backend: hello for alice@EXAMPLE.TEST (KERBEROS, "
					+ "IDENTIFICATION, PAC of alice)");
		});
	}

	@Test
	void clientsDoNotForwardTheirTgtToAServiceWithoutOkAsDelegate() {
		front("svc-front", SambaAdDomain.FRONT_SPN).run((context) -> {
			String reply = call(context.getBean(FrontPort.class).port(), SambaAdDomain.FRONT_SPN,
					kerberosAlice().withAllowedImpersonation(ImpersonationLevel.DELEGATION), "onward");
			assertThat(reply).startsWith("front (IMPERSONATION) -> NoContextAvailableException: RPC_S_NO_CONTEXT_AVAILABLE")
				.contains("without delegating a credential", "ok-as-delegate");
		});
	}

	private static ClientSettings kerberosAlice() {
		return ClientSettings.of(new ClientCredential.Password("alice", SambaAdDomain.ALICE_PASSWORD.toCharArray()))
			.withAuthPackage(AuthPackage.KERBEROS);
	}

	/**
	 * The front application: its server holds the keys of {@code account} (any of its names), its client the same
	 * account's credential, and three endpoints to the back end: {@code backend} (constrained), {@code other}
	 * (constrained, an SPN the account may not delegate to) and {@code onward} (unconstrained).
	 */
	private static ApplicationContextRunner front(String account, String spn) {
		String keytab = dc.getKeytab(account).toString();
		String backendAddress = "net.tcp://localhost:" + backend.port() + "/backend";
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NegotiateCredentialsAutoConfiguration.class,
					NegotiateServerAutoConfiguration.class, NegotiateClientAutoConfiguration.class))
			.withInitializer((context) -> new NegotiateServerPortInfoApplicationContextInitializer()
				.initialize(context))
			.withPropertyValues("negotiate.tcp.kerberos.krb5-conf=" + dc.getKrb5Conf(),
					"negotiate.tcp.credentials.service.keytab=" + keytab,
					"negotiate.tcp.credentials.service.principal=*",
					"negotiate.tcp.credentials.account.keytab=" + keytab,
					"negotiate.tcp.credentials.account.principal=" + account + "@EXAMPLE.TEST",
					"negotiate.tcp.server.credential=service", "negotiate.tcp.server.address=127.0.0.1",
					"negotiate.tcp.server.port=0",
					"negotiate.tcp.server.ntlm.accounts.[EXAMPLE\\alice]=" + SambaAdDomain.ALICE_PASSWORD,
					"negotiate.tcp.server.ntlm.target-names=" + spn, "negotiate.tcp.client.credential=account",
					"negotiate.tcp.client.endpoints.backend.address=" + backendAddress,
					"negotiate.tcp.client.endpoints.backend.spn=" + SambaAdDomain.BACKEND_SPN,
					"negotiate.tcp.client.endpoints.backend.delegation=constrained",
					"negotiate.tcp.client.endpoints.other.address=" + backendAddress,
					"negotiate.tcp.client.endpoints.other.spn=" + SambaAdDomain.OTHER_SPN,
					"negotiate.tcp.client.endpoints.other.delegation=constrained",
					"negotiate.tcp.client.endpoints.onward.address=" + backendAddress,
					"negotiate.tcp.client.endpoints.onward.spn=" + SambaAdDomain.BACKEND_SPN,
					"negotiate.tcp.client.endpoints.onward.windows-integrated-auth-package=kerberos",
					"negotiate.tcp.client.endpoints.onward.delegation=unconstrained")
			.withUserConfiguration(Front.class);
	}

	private static String call(int port, String spn, ClientSettings settings, String endpoint) {
		NegotiateChannelFactory client = new NegotiateChannelFactory(settings);
		return client.open("net.tcp://localhost:" + port + "/front", new EndpointIdentity.Spn(spn))
			.flatMap((channel) -> channel.sendBytes(endpoint.getBytes(StandardCharsets.UTF_8))
				.then(channel.receive().next().map((buf) -> buf.toString(StandardCharsets.UTF_8)))
				.flatMap((text) -> channel.close().thenReturn(text)))
			.block(Duration.ofSeconds(60));
	}

	record FrontPort(org.springframework.core.env.Environment environment) {

		int port() {
			return this.environment.getRequiredProperty("local.negotiate.tcp.server.port", Integer.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Front {

		@Bean
		FrontPort frontPort(org.springframework.core.env.Environment environment) {
			return new FrontPort(environment);
		}

		@Bean
		NegotiateChannelHandler front(NegotiateEndpoints endpoints) {
			return (channel) -> channel.send(channel.receive()
				.map((buf) -> buf.toString(StandardCharsets.UTF_8))
				.concatMap((name) -> endpoints.get(name)
					.openAs(channel.securityInfo())
					.flatMap((NegotiateChannel onward) -> onward.sendBytes("hello".getBytes(StandardCharsets.UTF_8))
						.then(onward.receive().next().map((buf) -> buf.toString(StandardCharsets.UTF_8)))
						.flatMap((text) -> onward.close().thenReturn(text)))
					.onErrorResume((ex) -> Mono.just(ex.getClass().getSimpleName() + ": " + ex.getMessage())))
				.map((reply) -> Unpooled.copiedBuffer("front (" + channel.securityInfo().impersonationLevel() + ") -> "
						+ reply, StandardCharsets.UTF_8)));
		}

	}

}
