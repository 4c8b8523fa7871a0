package org.negotiatetcp.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.tcp.TcpServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import org.negotiatetcp.boot.context.NegotiateServerBootstrap;
import org.negotiatetcp.boot.context.NegotiateServerPortInfoApplicationContextInitializer;
import org.negotiatetcp.boot.security.NegotiateSecurity;
import org.negotiatetcp.boot.security.NegotiateSecuritySessionAuthorizer;
import org.negotiatetcp.boot.test.FailureAnalyses;
import org.negotiatetcp.boot.test.TestRealm;
import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.stream.HandshakeErrorException;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.SecurityMode;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.channel.SessionAuthorizer;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.mechanism.ntlm.NtlmAcceptorOptions;
import org.negotiatetcp.mechanism.ntlm.NtlmAccountStore;
import org.negotiatetcp.security.ProtectionLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.negotiatetcp.boot.autoconfigure.StartupFailures.failure;

/**
 * Conditions, properties and validation messages of {@link NegotiateServerAutoConfiguration} and
 * {@link NegotiateSecurityAutoConfiguration}, in a plain, a reactive web and a servlet web application context.
 */
class NegotiateServerAutoConfigurationTests {

	private static final NegotiateChannelHandler ECHO = (channel) -> channel.send(channel.receive().map(io.netty.buffer.ByteBuf::retain));

	private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(
			NegotiateCredentialsAutoConfiguration.class, NegotiateClientAutoConfiguration.class,
			NegotiateSecurityAutoConfiguration.class, NegotiateServerAutoConfiguration.class);

	private static final String[] SERVER = { "negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.server.port=0",
			"negotiate.tcp.server.credential=service" };

	private final ApplicationContextRunner runner = configure(new ApplicationContextRunner());

	private static <R extends AbstractApplicationContextRunner<R, ?, ?>> R configure(R runner) {
		return runner.withConfiguration(AUTO_CONFIGURATIONS)
			.withInitializer((context) -> new NegotiateServerPortInfoApplicationContextInitializer()
				.initialize((ConfigurableApplicationContext) context))
			.withPropertyValues(TestRealm.get().credentialProperties());
	}

	@Test
	void noServerWithoutAHandlerBean() {
		this.runner.withPropertyValues(SERVER)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(NegotiateServer.class)
				.doesNotHaveBean(NegotiateServerBootstrap.class)
				.doesNotHaveBean(NegotiateSecurity.class));
	}

	@Test
	void noServerWhenDisabled() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.enabled=false")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(NegotiateServer.class)
				.doesNotHaveBean(NegotiateSecuritySessionAuthorizer.class));
	}

	@Test
	void serverStartsWithAHandlerAndPublishesItsPort() {
		this.runner.withPropertyValues(SERVER)
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertServerRuns(context));
	}

	@Test
	void serverStartsInAReactiveWebApplication() {
		configure(new ReactiveWebApplicationContextRunner()).withPropertyValues(SERVER)
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertServerRuns(context));
	}

	@Test
	void serverStartsInAServletWebApplication() {
		configure(new WebApplicationContextRunner()).withPropertyValues(SERVER)
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertServerRuns(context));
	}

	private static void assertServerRuns(org.springframework.context.ApplicationContext context) {
		assertThat(context.getBeansOfType(NegotiateServer.class)).hasSize(1);
		NegotiateServerBootstrap bootstrap = context.getBean(NegotiateServerBootstrap.class);
		assertThat(bootstrap.isRunning()).isTrue();
		int port = bootstrap.getServer().port();
		assertThat(port).isPositive();
		assertThat(context.getEnvironment().getProperty("local.negotiate.tcp.server.port", Integer.class))
			.isEqualTo(port);
		assertThat(bootstrap.getServer().address().getAddress().isLoopbackAddress()).isTrue();
	}

	@Test
	void securityModeIsTransportUnlessSetToNone() {
		this.runner.withPropertyValues(SERVER)
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(context.getBean(ServerSettings.class).securityMode())
				.isEqualTo(SecurityMode.TRANSPORT));
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.security-mode=none",
					"negotiate.tcp.server.allow-anonymous-clients=true")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(context.getBean(ServerSettings.class).securityMode())
				.isEqualTo(SecurityMode.NONE));
	}

	@Test
	void unsecuredServerNeedsNoServiceCredentialAndServesUnsecuredClients() {
		this.runner
			.withPropertyValues("negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.server.port=0",
					"negotiate.tcp.server.security-mode=none", "negotiate.tcp.server.allow-anonymous-clients=true",
					"negotiate.tcp.server.protection-level=none")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.withBean(SessionAuthorizer.class, () -> SessionAuthorizer.ACCEPT_ALL)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ServerSettings settings = context.getBean(ServerSettings.class);
				assertThat(settings.acceptor().kerberos()).isNull();
				assertThat(settings.acceptor().ntlmAccounts()).isNull();
				int port = context.getBean(NegotiateServerBootstrap.class).getServer().port();
				NegotiateChannelFactory client = new NegotiateChannelFactory(org.negotiatetcp.channel.ClientSettings
					.of(org.negotiatetcp.mechanism.ClientCredential.password("EXAMPLE\\bob", "unused".toCharArray()))
					.withSecurityMode(SecurityMode.NONE));
				String reply = client.open("net.tcp://127.0.0.1:" + port + "/")
					.flatMap((channel) -> channel.sendBytes("ping".getBytes(java.nio.charset.StandardCharsets.UTF_8))
						.then(channel.receiveBytes()
							.next()
							.map((bytes) -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8)))
						.flatMap((text) -> channel.close().thenReturn(text)))
					.block(Duration.ofSeconds(30));
				assertThat(reply).isEqualTo("ping");
			});
	}

	@Test
	void transportServerWithoutServiceCredentialStopsStartupNamingTheProperties() {
		this.runner.withPropertyValues("negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.server.port=0")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("negotiate.tcp.server.credential")
				.hasMessageContaining("negotiate.tcp.server.ntlm.accounts")
				.hasMessageContaining("security-mode none"));
	}

	@Test
	void securityModeNoneWithoutAnonymousClientsStopsStartupSayingWhatToSet() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.security-mode=none")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(failure(context))
				.hasMessageContaining("negotiate.tcp.server.security-mode")
				.hasMessageContaining("set negotiate.tcp.server.allow-anonymous-clients to true"));
	}

	@Test
	void streamedTransferIsOffUnlessEnabled() {
		this.runner.withPropertyValues(SERVER)
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(context.getBean(ServerSettings.class).streamedTransfer()).isFalse());
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.streamed-transfer=true")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(context.getBean(ServerSettings.class).streamedTransfer()).isTrue());
	}

	@Test
	void streamedTransferInRawModeStopsStartupNamingTheProperty() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.streamed-transfer=true", "negotiate.tcp.server.mode=raw")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(failure(context))
				.hasMessageContaining("negotiate.tcp.server.streamed-transfer"));
	}

	@Test
	void securityModeNoneInRawModeStopsStartup() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.security-mode=none", "negotiate.tcp.server.mode=raw",
					"negotiate.tcp.server.allow-anonymous-clients=true")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("exists only for net.tcp"));
	}

	@Test
	void serverPropertiesAreMappedOntoTheSettings() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.vias=/orders,/Reports/", "negotiate.tcp.server.protection-level=sign",
					"negotiate.tcp.server.allow-anonymous-clients=true",
					"negotiate.tcp.server.limits.max-message-size=1MB",
					"negotiate.tcp.server.limits.initialization-timeout=7s",
					"negotiate.tcp.server.limits.max-pending-handshakes=5",
					"negotiate.tcp.server.limits.max-pending-handshakes-per-address=3",
					"negotiate.tcp.server.limits.max-handshake-token-size=12000B",
					"negotiate.tcp.server.limits.receive-timeout=90s")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> {
				ServerSettings settings = context.getBean(ServerSettings.class);
				assertThat(settings.mode()).isEqualTo(ChannelMode.NET_TCP);
				assertThat(settings.viaPaths()).isEqualTo(Set.of("/orders", "/reports"));
				assertThat(settings.acceptor().requiredProtectionLevel()).isEqualTo(ProtectionLevel.SIGN);
				assertThat(settings.acceptor().allowAnonymousClients()).isTrue();
				assertThat(settings.acceptor().kerberos().serviceCredential().principal()).isEqualTo("host/localhost");
				assertThat(settings.acceptor().ntlmAccounts()).isNull();
				assertThat(settings.limits().maxMessageSize()).isEqualTo(1024 * 1024);
				assertThat(settings.limits().initializationTimeout()).hasSeconds(7);
				assertThat(settings.limits().maxPendingHandshakes()).isEqualTo(5);
				assertThat(settings.limits().maxPendingHandshakesPerAddress()).isEqualTo(3);
				assertThat(settings.limits().maxHandshakeTokenSize()).isEqualTo(12000);
				assertThat(settings.limits().receiveTimeout()).hasSeconds(90);
			});
	}

	@Test
	void serverDefaultsFollowTheBinding() {
		this.runner.withPropertyValues(SERVER)
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> {
				ServerSettings settings = context.getBean(ServerSettings.class);
				assertThat(settings.acceptor().requiredProtectionLevel()).isEqualTo(ProtectionLevel.ENCRYPT_AND_SIGN);
				assertThat(settings.acceptor().allowAnonymousClients()).isFalse();
				assertThat(settings.viaPaths()).isEmpty();
				assertThat(context.getBean(NegotiateServerProperties.class).getPort()).isZero();
				assertThat(new NegotiateServerProperties().getPort()).isEqualTo(808);
			});
	}

	@Test
	void requirePacRefusesAKerberosClientWhoseTicketHasNoPac() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.kerberos.require-pac=true", "negotiate.tcp.client.credential=alice")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> {
				assertThat(context.getBean(ServerSettings.class).acceptor().kerberos().pacRequired()).isTrue();
				int port = context.getBean(NegotiateServerBootstrap.class).getServer().port();
				// the embedded KDC, like MIT, issues tickets without a PAC
				assertThatThrownBy(() -> context.getBean(NegotiateChannelFactory.class)
					.open("net.tcp://localhost:" + port + "/echo")
					.block(Duration.ofSeconds(30)))
					.isInstanceOfSatisfying(HandshakeErrorException.class,
							(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.POLICY));
			});
	}

	@Test
	void pacIsNotRequiredByDefault() {
		this.runner.withPropertyValues(SERVER)
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(context.getBean(ServerSettings.class).acceptor().kerberos().pacRequired())
				.isFalse());
	}

	@Test
	void serviceCredentialForAnyPrincipalInTheKeytab() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.credentials.service.principal=*")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(
					context.getBean(ServerSettings.class).acceptor().kerberos().serviceCredential().acceptsAnyPrincipal())
				.isTrue());
	}

	@Test
	void clientCredentialOnTheServerIsRejectedQuotingTheRule() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.client-credential=alice")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("negotiate.tcp.server.client-credential")
				.hasMessageContaining("This is required on the client and must not be specified on the server."));
	}

	@Test
	void clientKindOfCredentialAsServiceCredentialIsRejectedQuotingTheRule() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.credential=carol")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("negotiate.tcp.server.credential")
				.hasMessageContaining("password credential, which is a client credential")
				.hasMessageContaining("must not be specified on the server"));
	}

	@Test
	void serverWithoutAnyServiceCredentialFails() {
		this.runner.withPropertyValues("negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.server.port=0")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("negotiate.tcp.server.credential")
				.hasMessageContaining("negotiate.tcp.server.ntlm.accounts"));
	}

	@Test
	void unknownServiceCredentialNameFails() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.credential=svc")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("negotiate.tcp.server.credential")
				.hasMessageContaining("no credential named 'svc'"));
	}

	@Test
	void missingServiceKeytabFailsNamingTheKeytabProperty() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.credentials.service.keytab=/nonexistent/service.keytab")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> {
				assertThat(failure(context)).hasMessageContaining("negotiate.tcp.credentials.service.keytab")
					.hasMessageContaining("/nonexistent/service.keytab");
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("credential 'service'",
						"Property: negotiate.tcp.credentials.service.keytab", "/nonexistent/service.keytab",
						"does not exist");
				assertThat(analysis.getAction()).contains("Create the keytab", "host/localhost",
						"negotiate.tcp.credentials.service.keytab");
			});
	}

	@Test
	void serviceKeytabWithoutThePrincipalFails() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.credentials.service.principal=HTTP/elsewhere")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> {
				assertThat(failure(context)).hasMessageContaining("negotiate.tcp.credentials.service.principal")
					.hasMessageContaining("has no key for HTTP/elsewhere");
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("credential 'service'",
						"negotiate.tcp.credentials.service.principal", "has no key for HTTP/elsewhere");
				assertThat(analysis.getAction()).contains("Add the principal's keys to the keytab",
						"service.keytab", "klist -k");
			});
	}

	@Test
	void viasInRawModeFail() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.mode=raw", "negotiate.tcp.server.vias=/orders")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("negotiate.tcp.server.vias")
				.hasMessageContaining("net-tcp"));
	}

	@Test
	void ntlmPackageWithoutAccountsFails() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.windows-integrated-auth-package=ntlm")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("negotiate.tcp.server.ntlm.accounts"));
	}

	@Test
	void ntlmAccountsFromPropertiesBecomeTheInMemoryStore() {
		this.runner.withPropertyValues("negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.server.port=0",
				"negotiate.tcp.server.ntlm.accounts[EXAMPLE\\alice]=secret",
				"negotiate.tcp.server.ntlm.accounts[bob]={NT}" + "8846F7EAEE8FB117AD06BDD830B7586C")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> {
				NtlmAccountStore store = context.getBean(ServerSettings.class).acceptor().ntlmAccounts();
				assertThat(context.getBean(ServerSettings.class).acceptor().kerberos()).isNull();
				assertThat(store.ntHash("EXAMPLE", "alice"))
					.isEqualTo(InMemoryNtlmAccountStore.ntHashOf("secret".toCharArray()));
				assertThat(store.ntHash("OTHER", "alice")).isNull();
				assertThat(store.ntHash("ANY", "bob"))
					.isEqualTo(InMemoryNtlmAccountStore.ntHashOf("password".toCharArray()));
			});
	}

	@Test
	void ntlmChecksComeFromPropertiesAndDefaultToStrictTargetNames() {
		this.runner.withPropertyValues("negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.server.port=0",
				"negotiate.tcp.server.ntlm.accounts[bob]=secret")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(context.getBean(ServerSettings.class).acceptor().ntlmOptions())
				.isEqualTo(NtlmAcceptorOptions.DEFAULTS));
		this.runner.withPropertyValues("negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.server.port=0",
				"negotiate.tcp.server.ntlm.accounts[bob]=secret", "negotiate.tcp.server.ntlm.max-clock-skew=2m",
				"negotiate.tcp.server.ntlm.target-name-check=required",
				"negotiate.tcp.server.ntlm.target-names=host/alias.example.com,alias2.example.com")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(context.getBean(ServerSettings.class).acceptor().ntlmOptions())
				.isEqualTo(new NtlmAcceptorOptions(java.time.Duration.ofMinutes(2),
						NtlmAcceptorOptions.TargetNameCheck.REQUIRED,
						java.util.Set.of("host/alias.example.com", "alias2.example.com"))));
	}

	@Test
	void malformedNtHashFailsNamingTheAccounts() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.ntlm.accounts[bob]={NT}1234")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("negotiate.tcp.server.ntlm.accounts"));
	}

	@Test
	void invalidLimitFailsNamingTheLimits() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.limits.max-handshake-token-size=1MB")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("negotiate.tcp.server.limits")
				.hasMessageContaining("maxHandshakeTokenSize"));
	}

	@Test
	void springSecurityBridgeIsTheDefaultAuthorizer() {
		this.runner.withPropertyValues(SERVER)
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> {
				assertThat(context).hasSingleBean(NegotiateSecuritySessionAuthorizer.class);
				assertThat(context.getBean(ServerSettings.class).authorizer())
					.isSameAs(context.getBean(NegotiateSecuritySessionAuthorizer.class));
				assertThat(context.getBean(NegotiateSecurity.class))
					.isNotSameAs(context.getBean(NegotiateSecurity.class));
			});
	}

	@Test
	void withoutSpringSecurityEveryAuthenticatedClientIsAccepted() {
		this.runner.withPropertyValues(SERVER)
			.withClassLoader(new FilteredClassLoader("org.springframework.security."))
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(NegotiateSecurity.class);
				assertThat(context.getBean(ServerSettings.class).authorizer()).isSameAs(SessionAuthorizer.ACCEPT_ALL);
			});
	}

	@Test
	void userDefinedAuthorizerBacksOffTheBridge() {
		SessionAuthorizer mine = (info, via) -> Mono.empty();
		this.runner.withPropertyValues(SERVER)
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.withBean(SessionAuthorizer.class, () -> mine)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(NegotiateSecuritySessionAuthorizer.class);
				assertThat(context.getBean(ServerSettings.class).authorizer()).isSameAs(mine);
			});
	}

	@Test
	void kerberosPackageLeavesNtlmOutOfTheAcceptor() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.windows-integrated-auth-package=kerberos",
					"negotiate.tcp.server.ntlm.accounts[bob]=secret")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> {
				assertThat(context.getBean(ServerSettings.class).acceptor().ntlmAccounts()).isNull();
				assertThat(context.getBean(ServerSettings.class).acceptor().kerberos()).isNotNull();
			});
	}

	@Test
	void ntlmPackageLeavesKerberosOutOfTheAcceptor() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.windows-integrated-auth-package=ntlm",
					"negotiate.tcp.server.ntlm.accounts[bob]=secret")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> {
				assertThat(context.getBean(ServerSettings.class).acceptor().ntlmAccounts()).isNotNull();
				assertThat(context.getBean(ServerSettings.class).acceptor().kerberos()).isNull();
			});
	}

	@Test
	void userDefinedServerBacksOff() {
		this.runner.withPropertyValues(SERVER)
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.withBean("myServer", NegotiateServer.class,
					() -> NegotiateServer.create(new ServerSettings(ChannelMode.RAW, Set.of(),
							new org.negotiatetcp.mechanism.spnego.AcceptorSettings(null, (domain, user) -> null,
									ProtectionLevel.SIGN, false),
							org.negotiatetcp.channel.ChannelLimits.DEFAULTS), ECHO))
			.run((context) -> assertThat(context).getBeanNames(NegotiateServer.class).containsExactly("myServer"));
	}

	@Test
	void protectionLevelAcceptsTheRpcAuthenticationLevelNames() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.protection-level=pkt-integrity")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(context.getBean(ServerSettings.class).acceptor().requiredProtectionLevel())
				.isEqualTo(ProtectionLevel.SIGN));
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.protection-level=connect")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(context.getBean(ServerSettings.class).acceptor().requiredProtectionLevel())
				.isEqualTo(ProtectionLevel.NONE));
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.protection-level=RPC_C_AUTHN_LEVEL_PKT_PRIVACY")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(context.getBean(ServerSettings.class).acceptor().requiredProtectionLevel())
				.isEqualTo(ProtectionLevel.ENCRYPT_AND_SIGN));
	}

	@Test
	void unknownProtectionLevelFailsListingTheAcceptedNames() {
		this.runner.withPropertyValues(SERVER)
			.withPropertyValues("negotiate.tcp.server.protection-level=pkt")
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Unknown protection level 'pkt'")
				.hasMessageContaining("pkt-integrity"));
	}

	@Test
	void serverCustomizersAreAppliedInOrderWhenBinding() {
		List<String> applied = new ArrayList<>();
		this.runner.withPropertyValues(SERVER)
			.withBean(NegotiateChannelHandler.class, () -> ECHO)
			.withBean("second", NegotiateServerCustomizer.class, () -> new Recording("second", applied, 2))
			.withBean("first", NegotiateServerCustomizer.class, () -> new Recording("first", applied, 1))
			.run((context) -> assertThat(applied).containsExactly("first", "second"));
	}

	private record Recording(String name, List<String> applied, int order) implements NegotiateServerCustomizer, Ordered {

		@Override
		public TcpServer customize(TcpServer server) {
			this.applied.add(this.name);
			return server;
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
