package org.negotiatetcp.boot.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.security.AuthPackage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.security.authorization.SingleResultAuthorizationManager.permitAll;

/**
 * The Spring Security bridge with NTLM clients: accounts from {@code negotiate.tcp.server.ntlm.accounts}, anonymous
 * clients denied unless the server allows them and then only where a rule permits them, and the server's package
 * policy.
 */
@ExtendWith(OutputCaptureExtension.class)
class NtlmSecurityIntegrationTests {

	private final ApplicationContextRunner runner = NegotiateSecurityIntegrationTests.serverAndClient()
		.withPropertyValues("negotiate.tcp.server.ntlm.accounts[EXAMPLE\\dave]=dave-pw",
				"negotiate.tcp.credentials.dave.principal=EXAMPLE\\dave",
				"negotiate.tcp.credentials.dave.password=dave-pw", "negotiate.tcp.client.credential=dave",
				"negotiate.tcp.client.windows-integrated-auth-package=ntlm",
				"negotiate.tcp.client.require-server-auth=false",
				"negotiate.tcp.client.endpoints.orders.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/orders",
				"negotiate.tcp.client.endpoints.public.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/public")
		.withUserConfiguration(PublicRule.class);

	@Test
	void ntlmAccountAuthenticatesAtIdentificationLevel() {
		this.runner.run((context) -> assertThat(call(context, "dave", "orders", "whoami", "impersonate"))
			.containsExactly("EXAMPLE\\dave [] NegotiateAuthenticationToken",
					"RPC_S_NO_CONTEXT_AVAILABLE: client EXAMPLE\\dave allowed identification only: the server may "
							+ "learn who it is but not act as it; the client must set allowed-impersonation-level to "
							+ "delegation"));
	}

	@Test
	void anonymousClientIsRefusedUnlessTheServerAllowsAnonymousClients() {
		this.runner.run((context) -> assertThat(refusal(context, "anonymous", "public").reason())
			.isEqualTo(FailureReason.POLICY));
	}

	@Test
	void allowedAnonymousClientPassesWhereARulePermitsIt() {
		// an anonymous NTLM session is neither signed nor sealed (its key is all zeros), so the server accepts
		// protection level none and the anonymous client asks for it
		this.runner
			.withPropertyValues("negotiate.tcp.server.allow-anonymous-clients=true",
					"negotiate.tcp.server.protection-level=none", "negotiate.tcp.client.protection-level=none")
			.run((context) -> assertThat(call(context, "anonymous", "public", "whoami", "impersonate")).containsExactly(
					"anonymous [ROLE_ANONYMOUS] NegotiateAnonymousAuthenticationToken",
					"RPC_S_NO_CONTEXT_AVAILABLE: the client is anonymous, so there is no security context to act "
							+ "with; authenticate the client (refuse anonymous clients for this via)"));
	}

	@Test
	void allowedAnonymousClientIsRefusedWhileTheServerRequiresProtectionAsSambaClearsSignAndSealForAnonymous() {
		this.runner.withPropertyValues("negotiate.tcp.server.allow-anonymous-clients=true")
			.run((context) -> assertThat(refusal(context, "anonymous", "public").reason())
				.isEqualTo(FailureReason.POLICY));
	}

	@Test
	void allowedAnonymousClientIsRefusedWhereNoRulePermitsIt() {
		this.runner.withPropertyValues("negotiate.tcp.server.allow-anonymous-clients=true")
			.run((context) -> assertThat(refusal(context, "anonymous", "orders").reason())
				.isEqualTo(FailureReason.POLICY));
	}

	@Test
	void kerberosOnlyServerRefusesNtlmClients(CapturedOutput output) {
		// the kerberos package leaves the NTLM accounts out of the acceptor: the handshake itself fails
		this.runner.withPropertyValues("negotiate.tcp.server.windows-integrated-auth-package=kerberos")
			.run((context) -> {
				assertThat(refusal(context, "dave", "orders").reason()).isEqualTo(FailureReason.PEER_ERROR);
				assertThat(output).contains("Client offered NTLM but this server has no NTLM account store");
			});
	}

	static List<String> call(ConfigurableApplicationContext context, String user, String endpoint, String... ops) {
		return NegotiateSecurityIntegrationTests.call(factory(context, user),
				context.getBean(NegotiateEndpoints.class).get(endpoint).address(), ops);
	}

	static NegotiateException refusal(ConfigurableApplicationContext context, String user, String endpoint) {
		return catchThrowableOfType(NegotiateException.class, () -> call(context, user, endpoint, "whoami"));
	}

	static NegotiateChannelFactory factory(ConfigurableApplicationContext context, String user) {
		NegotiateChannelFactory factory = context.getBean(NegotiateChannelFactory.class);
		ClientSettings settings = factory.settings();
		assertThat(settings.authPackage()).isEqualTo(AuthPackage.NTLM);
		return "anonymous".equals(user) ? factory.withSettings(settings.withCredential(new ClientCredential.Anonymous()))
				: factory;
	}

	@Configuration(proxyBeanMethods = false)
	static class PublicRule {

		@Bean
		NegotiateSecuritySessionAuthorizer negotiateAuthorizer(NegotiateSecurity security) {
			return security.authorizeVia("/public/**", permitAll()).build();
		}

	}

}
