package org.negotiatetcp.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.netty.tcp.TcpClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import org.negotiatetcp.Mechanism;
import org.negotiatetcp.boot.client.EndpointDelegation;
import org.negotiatetcp.boot.client.NegotiateEndpoint;
import org.negotiatetcp.boot.security.NoContextAvailableException;
import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.boot.test.TestRealm;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.identity.EndpointIdentity;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.negotiatetcp.boot.autoconfigure.StartupFailures.failure;

/**
 * Conditions, properties and validation messages of {@link NegotiateClientAutoConfiguration}.
 */
class NegotiateClientAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NegotiateCredentialsAutoConfiguration.class,
				NegotiateClientAutoConfiguration.class))
		.withPropertyValues(TestRealm.get().credentialProperties());

	@Test
	void clientIsNotConfiguredWithoutClientProperties() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(NegotiateCredentials.class)
			.doesNotHaveBean(NegotiateChannelFactory.class)
			.doesNotHaveBean(NegotiateEndpoints.class));
	}

	@Test
	void connectionPoolIsOffByDefaultAndConfiguredByProperties() {
		this.runner.withPropertyValues("negotiate.tcp.client.credential=alice")
			.run((context) -> assertThat(context.getBean(NegotiateChannelFactory.class).connectionPool()).isNull());
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=alice", "negotiate.tcp.client.connection-pool.enabled=true",
					"negotiate.tcp.client.connection-pool.idle-timeout=45s",
					"negotiate.tcp.client.connection-pool.max-idle-per-endpoint=3")
			.run((context) -> assertThat(context.getBean(NegotiateChannelFactory.class).connectionPool())
				.isEqualTo(new org.negotiatetcp.channel.ConnectionPoolSettings(java.time.Duration.ofSeconds(45), 3)));
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=alice", "negotiate.tcp.client.connection-pool.enabled=true",
					"negotiate.tcp.client.connection-pool.max-idle-per-endpoint=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("negotiate.tcp.client.connection-pool"));
	}

	@Test
	void clientWithCredentialGetsTheSeedDefaults() {
		this.runner.withPropertyValues("negotiate.tcp.client.credential=alice").run((context) -> {
			assertThat(context).hasSingleBean(NegotiateChannelFactory.class).hasSingleBean(NegotiateEndpoints.class);
			ClientSettings settings = context.getBean(NegotiateChannelFactory.class).settings();
			assertThat(settings.credential())
				.isEqualTo(new ClientCredential.Keytab("alice", TestRealm.get().file("alice.keytab")));
			assertThat(settings.authPackage()).isEqualTo(AuthPackage.SPNEGO);
			assertThat(settings.requireServerAuth()).isTrue();
			assertThat(settings.allowedImpersonation()).isEqualTo(ImpersonationLevel.IDENTIFICATION);
			assertThat(settings.delegationPolicy())
				.isEqualTo(org.negotiatetcp.mechanism.DelegationPolicy.OK_AS_DELEGATE);
			assertThat(settings.protectionLevel()).isEqualTo(ProtectionLevel.ENCRYPT_AND_SIGN);
			assertThat(settings.limits().initializationTimeout()).hasSeconds(30);
			assertThat(settings.limits().maxMessageSize()).isEqualTo(65536);
		});
	}

	@Test
	void clientPropertiesAreMappedOntoTheSettings() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=carol",
					"negotiate.tcp.client.windows-integrated-auth-package=kerberos",
					"negotiate.tcp.client.require-server-auth=false",
					"negotiate.tcp.client.allowed-impersonation-level=delegation",
					"negotiate.tcp.client.delegation-policy=always",
					"negotiate.tcp.client.protection-level=sign", "negotiate.tcp.client.open-timeout=5s",
					"negotiate.tcp.client.close-timeout=2s", "negotiate.tcp.client.max-message-size=1MB")
			.run((context) -> {
				ClientSettings settings = context.getBean(NegotiateChannelFactory.class).settings();
				assertThat(settings.credential()).isInstanceOf(ClientCredential.Password.class);
				assertThat(settings.credential().principal()).isEqualTo("carol");
				assertThat(settings.authPackage()).isEqualTo(AuthPackage.KERBEROS);
				assertThat(settings.requireServerAuth()).isFalse();
				assertThat(settings.allowedImpersonation()).isEqualTo(ImpersonationLevel.DELEGATION);
				assertThat(settings.delegationPolicy()).isEqualTo(org.negotiatetcp.mechanism.DelegationPolicy.ALWAYS);
				assertThat(settings.protectionLevel()).isEqualTo(ProtectionLevel.SIGN);
				assertThat(settings.limits().initializationTimeout()).hasSeconds(5);
				assertThat(settings.limits().closeTimeout()).hasSeconds(2);
				assertThat(settings.limits().maxMessageSize()).isEqualTo(1024 * 1024);
			});
	}

	@Test
	void ticketCacheCredentialIsTheCurrentLogon() {
		this.runner
			.withPropertyValues("negotiate.tcp.credentials.me.ticket-cache=true", "negotiate.tcp.client.credential=me")
			.run((context) -> assertThat(context.getBean(NegotiateChannelFactory.class).settings().credential())
				.isEqualTo(new ClientCredential.TicketCache(null, null)));
	}

	@Test
	void anonymousCredentialIsTheAnonymousClient() {
		this.runner
			.withPropertyValues("negotiate.tcp.credentials.nobody.anonymous=true",
					"negotiate.tcp.client.credential=nobody")
			.run((context) -> assertThat(context.getBean(NegotiateChannelFactory.class).settings().credential())
				.isInstanceOf(ClientCredential.Anonymous.class));
	}

	@Test
	void missingClientCredentialFailsNamingTheProperty() {
		this.runner.withPropertyValues("negotiate.tcp.client.endpoints.orders.address=net.tcp://srv/orders")
			.run((context) -> assertThat(failure(context)).hasMessageContaining("negotiate.tcp.client.credential")
				.hasMessageContaining("required on the client"));
	}

	@Test
	void unknownCredentialNameFailsListingTheKnownOnes() {
		this.runner.withPropertyValues("negotiate.tcp.client.credential=mallory")
			.run((context) -> assertThat(failure(context)).hasMessageContaining("negotiate.tcp.client.credential")
				.hasMessageContaining("no credential named 'mallory'")
				.hasMessageContaining("[service, alice, bob, carol]"));
	}

	@Test
	void missingKeytabFailsNamingTheKeytabProperty() {
		this.runner
			.withPropertyValues("negotiate.tcp.credentials.dave.principal=dave",
					"negotiate.tcp.credentials.dave.keytab=/nonexistent/dave.keytab",
					"negotiate.tcp.client.credential=dave")
			.run((context) -> assertThat(failure(context)).hasMessageContaining("negotiate.tcp.credentials.dave.keytab")
				.hasMessageContaining("/nonexistent/dave.keytab")
				.hasMessageContaining("does not exist"));
	}

	@Test
	void credentialWithTwoSecretsIsRejected() {
		this.runner
			.withPropertyValues("negotiate.tcp.credentials.dave.principal=dave",
					"negotiate.tcp.credentials.dave.password=x", "negotiate.tcp.credentials.dave.ticket-cache=true",
					"negotiate.tcp.client.credential=dave")
			.run((context) -> assertThat(failure(context)).hasMessageContaining("Set exactly one of")
				.hasMessageContaining("negotiate.tcp.credentials.dave.keytab"));
	}

	@Test
	void passwordWithoutPrincipalIsRejected() {
		this.runner
			.withPropertyValues("negotiate.tcp.credentials.dave.password=x", "negotiate.tcp.client.credential=dave")
			.run((context) -> assertThat(failure(context))
				.hasMessageContaining("negotiate.tcp.credentials.dave.principal"));
	}

	@Test
	void ntlmWithRequireServerAuthFailsNamingBothProperties() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=carol",
					"negotiate.tcp.client.windows-integrated-auth-package=ntlm")
			.run((context) -> assertThat(failure(context))
				.hasMessageContaining("negotiate.tcp.client.windows-integrated-auth-package")
				.hasMessageContaining("negotiate.tcp.client.require-server-auth=false"));
	}

	@Test
	void ntlmWithoutServerAuthIsAccepted() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=carol",
					"negotiate.tcp.client.windows-integrated-auth-package=ntlm",
					"negotiate.tcp.client.require-server-auth=false")
			.run((context) -> assertThat(context.getBean(NegotiateChannelFactory.class).settings().authPackage())
				.isEqualTo(AuthPackage.NTLM));
	}

	@Test
	void anonymousImpersonationLevelIsRejected() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=alice",
					"negotiate.tcp.client.allowed-impersonation-level=anonymous")
			.run((context) -> assertThat(failure(context))
				.hasMessageContaining("negotiate.tcp.client.allowed-impersonation-level"));
	}

	@Test
	void endpointsGetTheirIdentityFromAnyOfTheForms() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=alice",
					"negotiate.tcp.client.endpoints.a.address=net.tcp://srv.example.com/orders",
					"negotiate.tcp.client.endpoints.a.identity=spn:HTTP/srv.example.com",
					"negotiate.tcp.client.endpoints.b.address=tcp://srv.example.com:9000",
					"negotiate.tcp.client.endpoints.b.upn=svc@example.com",
					"negotiate.tcp.client.endpoints.c.address=net.tcp://10.0.0.1:8808/x",
					"negotiate.tcp.client.endpoints.c.dns=srv.example.com",
					"negotiate.tcp.client.endpoints.d.address=net.tcp://srv.example.com/none")
			.run((context) -> {
				NegotiateEndpoints endpoints = context.getBean(NegotiateEndpoints.class);
				assertThat(endpoints.names()).containsExactly("a", "b", "c", "d");
				assertThat(endpoints.get("a").identity()).isEqualTo(new EndpointIdentity.Spn("HTTP/srv.example.com"));
				assertThat(endpoints.get("b").identity()).isEqualTo(new EndpointIdentity.Upn("svc@example.com"));
				assertThat(endpoints.get("c").identity()).isEqualTo(new EndpointIdentity.Dns("srv.example.com"));
				assertThat(endpoints.get("d").identity()).isNull();
				assertThat(endpoints.get("b").address()).isEqualTo("tcp://srv.example.com:9000");
			});
	}

	@Test
	void endpointAddressPlaceholdersAreResolvedWhenOpening() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=alice",
					"negotiate.tcp.client.endpoints.a.address=net.tcp://localhost:${test.port}/orders")
			.run((context) -> {
				NegotiateEndpoint endpoint = context.getBean(NegotiateEndpoints.class).get("a");
				org.springframework.boot.test.util.TestPropertyValues.of("test.port=8123").applyTo(context);
				assertThat(endpoint.address()).isEqualTo("net.tcp://localhost:8123/orders");
			});
	}

	@Test
	void unknownEndpointNameIsReported() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=alice",
					"negotiate.tcp.client.endpoints.a.address=net.tcp://srv/orders")
			.run((context) -> assertThat(
					org.assertj.core.api.Assertions.catchThrowable(() -> context.getBean(NegotiateEndpoints.class).get("b")))
				.hasMessageContaining("No endpoint named 'b'")
				.hasMessageContaining("[a]"));
	}

	@Test
	void endpointIdentityOfAnotherTypeFails() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=alice",
					"negotiate.tcp.client.endpoints.a.address=net.tcp://srv/orders",
					"negotiate.tcp.client.endpoints.a.identity=rsa:<RSAKeyValue/>")
			.run((context) -> assertThat(failure(context))
				.hasMessageContaining("negotiate.tcp.client.endpoints.a.identity")
				.hasMessageContaining("type 'rsa'")
				.hasMessageContaining("spn:<service/host>"));
	}

	@Test
	void endpointIdentityWithoutTypeFails() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=alice",
					"negotiate.tcp.client.endpoints.a.address=net.tcp://srv/orders",
					"negotiate.tcp.client.endpoints.a.identity=host/srv")
			.run((context) -> assertThat(failure(context))
				.hasMessageContaining("negotiate.tcp.client.endpoints.a.identity")
				.hasMessageContaining("has no type"));
	}

	@Test
	void twoIdentitiesForOneEndpointAreMutuallyExclusive() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=alice",
					"negotiate.tcp.client.endpoints.a.address=net.tcp://srv/orders",
					"negotiate.tcp.client.endpoints.a.identity=spn:host/srv",
					"negotiate.tcp.client.endpoints.a.dns=srv")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MutuallyExclusiveConfigurationPropertiesException.class)
				.hasMessageContaining("negotiate.tcp.client.endpoints.a.identity")
				.hasMessageContaining("negotiate.tcp.client.endpoints.a.dns"));
	}

	@Test
	void endpointAddressWithAnotherSchemeFails() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=alice",
					"negotiate.tcp.client.endpoints.a.address=http://srv/orders")
			.run((context) -> assertThat(failure(context))
				.hasMessageContaining("negotiate.tcp.client.endpoints.a.address")
				.hasMessageContaining("net.tcp://"));
	}

	@Test
	void endpointDelegationIsNoneByDefaultAndOpenAsRefusesThen() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=alice",
					"negotiate.tcp.client.endpoints.a.address=net.tcp://localhost:1/orders",
					"negotiate.tcp.client.endpoints.b.address=net.tcp://localhost:1/orders",
					"negotiate.tcp.client.endpoints.b.delegation=unconstrained",
					"negotiate.tcp.client.endpoints.c.address=net.tcp://localhost:1/orders",
					"negotiate.tcp.client.endpoints.c.delegation=constrained")
			.run((context) -> {
				NegotiateEndpoints endpoints = context.getBean(NegotiateEndpoints.class);
				assertThat(endpoints.get("a").delegation()).isEqualTo(EndpointDelegation.NONE);
				assertThat(endpoints.get("b").delegation()).isEqualTo(EndpointDelegation.UNCONSTRAINED);
				assertThat(endpoints.get("c").delegation()).isEqualTo(EndpointDelegation.CONSTRAINED);
				SecurityInfo kerberosClient = new SecurityInfo("carol@EXAMPLE.TEST", "host/localhost",
						AuthPackage.SPNEGO, Mechanism.KERBEROS, ProtectionLevel.ENCRYPT_AND_SIGN,
						ImpersonationLevel.IMPERSONATION, true, false, null);
				assertThatExceptionOfType(NoContextAvailableException.class)
					.isThrownBy(() -> endpoints.get("a").openAs(kerberosClient).block(Duration.ofSeconds(10)))
					.withMessageContaining("negotiate.tcp.client.endpoints.a.delegation is none");
				assertThatExceptionOfType(NoContextAvailableException.class)
					.isThrownBy(() -> endpoints.get("b").openAs(kerberosClient).block(Duration.ofSeconds(10)))
					.withMessageContaining("carol@EXAMPLE.TEST")
					.withMessageContaining("without delegating a credential");
				SecurityInfo anonymous = new SecurityInfo("NT AUTHORITY\\ANONYMOUS LOGON", null, AuthPackage.NTLM,
						Mechanism.NTLM, ProtectionLevel.NONE, ImpersonationLevel.ANONYMOUS, false, true, null);
				assertThatExceptionOfType(NoContextAvailableException.class)
					.isThrownBy(() -> endpoints.get("c").openAs(anonymous).block(Duration.ofSeconds(10)))
					.withMessageContaining("anonymous");
			});
	}

	@Test
	void constrainedDelegationNeedsAKerberosPackageAndTheServiceAccountsOwnCredential() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=alice", "negotiate.tcp.client.require-server-auth=false",
					"negotiate.tcp.client.endpoints.a.address=net.tcp://srv/orders",
					"negotiate.tcp.client.endpoints.a.windows-integrated-auth-package=ntlm",
					"negotiate.tcp.client.endpoints.a.delegation=constrained")
			.run((context) -> assertThat(failure(context))
				.hasMessageContaining("negotiate.tcp.client.endpoints.a.delegation")
				.hasMessageContaining("windows-integrated-auth-package"));
		this.runner
			.withPropertyValues("negotiate.tcp.credentials.me.ticket-cache=true", "negotiate.tcp.client.credential=me",
					"negotiate.tcp.client.endpoints.a.address=net.tcp://srv/orders",
					"negotiate.tcp.client.endpoints.a.delegation=constrained")
			.run((context) -> assertThat(failure(context))
				.hasMessageContaining("negotiate.tcp.client.endpoints.a.delegation")
				.hasMessageContaining("negotiate.tcp.client.endpoints.a.credential")
				.hasMessageContaining("msDS-AllowedToDelegateTo"));
	}

	@Test
	void endpointModeContradictingTheAddressFails() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=alice",
					"negotiate.tcp.client.endpoints.a.address=net.tcp://srv/orders",
					"negotiate.tcp.client.endpoints.a.mode=raw")
			.run((context) -> assertThat(failure(context)).hasMessageContaining("negotiate.tcp.client.endpoints.a.mode")
				.hasMessageContaining("contradicts"));
	}

	@Test
	void userDefinedFactoryBacksOff() {
		NegotiateChannelFactory mine = new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.TicketCache(null, null)));
		this.runner.withPropertyValues("negotiate.tcp.client.credential=alice")
			.withBean(NegotiateChannelFactory.class, () -> mine)
			.run((context) -> assertThat(context).getBean(NegotiateChannelFactory.class).isSameAs(mine));
	}

	@Test
	void customizersAreAppliedInOrder() {
		List<String> applied = new ArrayList<>();
		this.runner.withPropertyValues("negotiate.tcp.client.credential=alice")
			.withBean("second", NegotiateClientCustomizer.class, () -> new Recording("second", applied, 2))
			.withBean("first", NegotiateClientCustomizer.class, () -> new Recording("first", applied, 1))
			.run((context) -> {
				assertThat(context).hasSingleBean(NegotiateChannelFactory.class);
				// the customizers run when a channel opens; opening fails fast on a closed port
				context.getBean(NegotiateChannelFactory.class)
					.open("tcp://127.0.0.1:1")
					.onErrorResume((ex) -> reactor.core.publisher.Mono.empty())
					.block(java.time.Duration.ofSeconds(30));
				assertThat(applied).containsExactly("first", "second");
			});
	}

	@Order(Ordered.LOWEST_PRECEDENCE)
	private record Recording(String name, List<String> applied, int order) implements NegotiateClientCustomizer, Ordered {

		@Override
		public TcpClient customize(TcpClient client) {
			this.applied.add(this.name);
			return client;
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
