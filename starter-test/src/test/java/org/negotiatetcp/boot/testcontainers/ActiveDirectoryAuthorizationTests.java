package org.negotiatetcp.boot.testcontainers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.boot.autoconfigure.NegotiateCredentialsAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateSecurityAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateServerAutoConfiguration;
import org.negotiatetcp.boot.context.NegotiateServerPortInfoApplicationContextInitializer;
import org.negotiatetcp.boot.security.NegotiateSecurity;
import org.negotiatetcp.boot.security.NegotiateSecuritySessionAuthorizer;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.identity.EndpointIdentity;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.kerberos.KerberosConfiguration;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.AuthorizationContext;
import org.negotiatetcp.security.SecurityInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.authorization.AuthenticatedAuthorizationManager.authenticated;
import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole;

/**
 * Authorization against a real Active Directory KDC (Samba 4.17, {@link SambaAdDomain}; skipped without a Docker
 * API): an auto-configured server with the keytab exported from the DC for {@code svc-orders} (a service under a user
 * account, reached by its SPN or its UPN) maps the {@code Orders} group's SID to {@code ROLE_ORDERS}
 * ({@code negotiate.tcp.server.authorities.sid-map}), so {@code hasRole("ORDERS")} admits alice (a member) and refuses
 * bob, without LDAP. NTLM clients of the server's own account store have no PAC and get no role from the map.
 */
@Tag("interop")
@Testcontainers(disabledWithoutDocker = true)
class ActiveDirectoryAuthorizationTests {

	private static SambaAdContainer dc;

	private final List<SecurityInfo> clients = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void start() {
		dc = SambaAdDomain.dc();
		KerberosConfiguration.use(dc.getKrb5Conf());
	}

	@Test
	void ruleOnAnAdGroupAdmitsAMemberAndRefusesANonMember() {
		server().run((context) -> {
			int port = port(context.getEnvironment());
			assertThat(echo(port, "/orders", spnego("alice", SambaAdDomain.ALICE_PASSWORD), null)).isEqualTo("hello");
			assertThat(this.clients.get(this.clients.size() - 1).authorizationContext().hasSid(dc.getObjectSid("Orders")))
				.isTrue();
			assertThatThrownBy(() -> echo(port, "/orders", spnego("bob", "Bob-Pass-1"), null))
				.isInstanceOf(NegotiateException.class);
			// bob is authenticated, only the rule on the group refuses him
			assertThat(echo(port, "/echo", spnego("bob", "Bob-Pass-1"), null)).isEqualTo("hello");
			assertThat(this.clients.get(this.clients.size() - 1).peerName()).isEqualTo("bob@EXAMPLE.TEST");
		});
	}

	@Test
	void kerberosToAServiceUnderAUserAccountByItsUserPrincipalName() {
		server().run((context) -> {
			ClientSettings kerberos = spnego("alice", SambaAdDomain.ALICE_PASSWORD).withAuthPackage(AuthPackage.KERBEROS);
			assertThat(echo(port(context.getEnvironment()), "/orders", kerberos,
					new EndpointIdentity.Upn("svc-orders@EXAMPLE.TEST")))
				.isEqualTo("hello");
			SecurityInfo alice = this.clients.get(this.clients.size() - 1);
			assertThat(alice.peerName()).isEqualTo("alice@EXAMPLE.TEST");
			assertThat(alice.targetName()).isNotNull().startsWithIgnoringCase("svc-orders");
			assertThat(alice.authorizationContext().signatureVerified()).isTrue();
		});
	}

	@Test
	void ntlmClientsOfTheAccountStoreHaveNoPacAndGetNoRoleFromTheSidMap() {
		server().run((context) -> {
			int port = port(context.getEnvironment());
			ClientSettings ntlm = ClientSettings
				.of(new ClientCredential.Password("EXAMPLE\\alice", SambaAdDomain.ALICE_PASSWORD.toCharArray()))
				.withAuthPackage(AuthPackage.NTLM)
				.withRequireServerAuth(false);
			assertThat(echo(port, "/echo", ntlm, null)).isEqualTo("hello");
			SecurityInfo alice = this.clients.get(this.clients.size() - 1);
			assertThat(alice.peerName()).isEqualTo("EXAMPLE\\alice");
			assertThat(alice.authorizationContext().source()).isEqualTo(AuthorizationContext.Source.NONE);
			assertThatThrownBy(() -> echo(port, "/orders", ntlm, null)).isInstanceOf(NegotiateException.class);
		});
	}

	private ApplicationContextRunner server() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NegotiateCredentialsAutoConfiguration.class,
					NegotiateSecurityAutoConfiguration.class, NegotiateServerAutoConfiguration.class))
			.withInitializer((context) -> new NegotiateServerPortInfoApplicationContextInitializer()
				.initialize(context))
			.withPropertyValues("negotiate.tcp.kerberos.krb5-conf=" + dc.getKrb5Conf(),
					"negotiate.tcp.credentials.service.keytab=" + dc.getKeytab("svc-orders"),
					"negotiate.tcp.credentials.service.principal=*", "negotiate.tcp.server.credential=service",
					"negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.server.port=0",
					"negotiate.tcp.server.authorities.sid-map.[" + dc.getObjectSid("Orders") + "]=ORDERS",
					"negotiate.tcp.server.ntlm.accounts.[EXAMPLE\\alice]=" + SambaAdDomain.ALICE_PASSWORD)
			.withBean("clients", List.class, () -> this.clients)
			.withUserConfiguration(Rules.class);
	}

	private static ClientSettings spnego(String user, String password) {
		return ClientSettings.of(new ClientCredential.Password(user, password.toCharArray()));
	}

	private static int port(org.springframework.core.env.Environment environment) {
		return environment.getRequiredProperty("local.negotiate.tcp.server.port", Integer.class);
	}

	private static String echo(int port, String path, ClientSettings settings, EndpointIdentity identity) {
		return new NegotiateChannelFactory(settings).open("net.tcp://localhost:" + port + path, identity)
			.flatMap((channel) -> channel.sendBytes("hello".getBytes(StandardCharsets.UTF_8))
				.then(channel.receive().next().map((buf) -> buf.toString(StandardCharsets.UTF_8)))
				.flatMap((text) -> channel.close().thenReturn(text)))
			.block(Duration.ofSeconds(60));
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		NegotiateSecuritySessionAuthorizer rules(NegotiateSecurity security) {
			return security.authorizeVia("/orders/**", hasRole("ORDERS")).authorizeVia("/echo", authenticated()).build();
		}

		@Bean
		@SuppressWarnings("unchecked")
		NegotiateChannelHandler echo(org.springframework.beans.factory.BeanFactory beans) {
			List<SecurityInfo> clients = beans.getBean("clients", List.class);
			return (channel) -> {
				clients.add(channel.securityInfo());
				return channel.send(channel.receive().map(ByteBuf::retain));
			};
		}

	}

}
