package org.negotiatetcp.boot.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import reactor.core.publisher.Mono;

import org.negotiatetcp.Mechanism;
import org.negotiatetcp.boot.security.NegotiateSecurity;
import org.negotiatetcp.boot.security.NegotiateSecuritySessionAuthorizer;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.AuthorizationContext;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.security.Sid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole;

/**
 * {@code negotiate.tcp.server.authorities.sid-map}: the group SIDs of a client's PAC become roles, so a rule on an AD
 * group admits a member and refuses a non-member without an LDAP lookup.
 */
class SidAuthoritiesTests {

	private static final Sid DOMAIN = Sid.parse("S-1-5-21-1004336348-1177238915-682003330");

	private static final Sid ORDERS = DOMAIN.append(1105);

	private static final SecurityInfo ALICE = client("alice", 1104, List.of(DOMAIN.append(513), ORDERS));

	private static final SecurityInfo BOB = client("bob", 1106, List.of(DOMAIN.append(513)));

	private static final SecurityInfo CAROL = client("carol", 1107, List.of(DOMAIN.append(512), DOMAIN.append(513)));

	private static final SecurityInfo MIT = new SecurityInfo("dave@EXAMPLE.TEST", null, AuthPackage.SPNEGO,
			Mechanism.KERBEROS, ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION, true, false, null);

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
				NegotiateCredentialsAutoConfiguration.class, NegotiateSecurityAutoConfiguration.class))
		.withUserConfiguration(NegotiateSecurityAutoConfigurationTests.GlobalAuthentication.class)
		.withBean(NegotiateChannelHandler.class, () -> (channel) -> Mono.empty())
		.withPropertyValues(SidMapping.ORDERS + "=ORDERS", "negotiate.tcp.server.authorities.sid-map.[Domain Admins]=ADMIN",
				"negotiate.tcp.server.authorities.sid-map.[Authenticated Users]=ROLE_CLIENT");

	@Test
	void groupSidsAndWellKnownNamesBecomeRoles() {
		this.runner.run((context) -> {
			NegotiateSecuritySessionAuthorizer authorizer = context.getBean(NegotiateSecuritySessionAuthorizer.class);
			assertThat(roles(authorizer, ALICE)).containsExactlyInAnyOrder("ROLE_ORDERS", "ROLE_CLIENT");
			assertThat(roles(authorizer, CAROL)).containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_CLIENT");
			assertThat(roles(authorizer, BOB)).containsExactly("ROLE_CLIENT");
			assertThat(roles(authorizer, MIT)).isEmpty();
		});
	}

	@Test
	void ruleOnAnAdGroupAdmitsAMemberAndRefusesANonMember() {
		this.runner.run((context) -> {
				NegotiateSecuritySessionAuthorizer rules = context.getBean(NegotiateSecurity.class)
					.authorizeVia("/orders/**", hasRole("ORDERS"))
					.build();
				assertThat(rules.authorize(ALICE, "net.tcp://srv/orders/list").block(Duration.ofSeconds(5)))
					.isNotNull();
				assertThatThrownBy(() -> rules.authorize(BOB, "net.tcp://srv/orders/list").block(Duration.ofSeconds(5)))
					.hasMessageContaining("bob");
				assertThatThrownBy(() -> rules.authorize(MIT, "net.tcp://srv/orders/list").block(Duration.ofSeconds(5)))
					.hasMessageContaining("dave");
			});
	}

	@Test
	void userDetailsServiceAuthoritiesAreKeptBesideSidRoles() {
		this.runner
			.withBean(UserDetailsService.class,
					() -> new InMemoryUserDetailsManager(
							User.withUsername("alice@EXAMPLE.TEST").password("n/a").roles("AUDITOR").build()))
			.run((context) -> {
				NegotiateSecuritySessionAuthorizer authorizer = context.getBean(NegotiateSecuritySessionAuthorizer.class);
				assertThat(roles(authorizer, ALICE)).containsExactlyInAnyOrder("ROLE_AUDITOR", "ROLE_ORDERS", "ROLE_CLIENT");
				assertThatThrownBy(() -> authorizer.authorize(BOB, "net.tcp://srv/x").block(Duration.ofSeconds(5)))
					.hasMessageContaining("bob");
			});
	}

	@Test
	void unknownNameInTheMapStopsStartup() {
		this.runner.withPropertyValues("negotiate.tcp.server.authorities.sid-map.[Order Admins]=ORDERS")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("negotiate.tcp.server.authorities.sid-map")
				.hasMessageContaining("'Order Admins'"));
	}

	private static List<String> roles(NegotiateSecuritySessionAuthorizer authorizer, SecurityInfo client) {
		Authentication authentication = authorizer.authorize(client, "net.tcp://srv/x").block(Duration.ofSeconds(5));
		assertThat(authentication).isNotNull();
		return authentication.getAuthorities().stream().map(Object::toString).toList();
	}

	private static SecurityInfo client(String name, long rid, List<Sid> groups) {
		// what PacAuthorization makes of a PAC: its groups, then Everyone and Authenticated Users
		List<Sid> all = new java.util.ArrayList<>(groups);
		all.add(Sid.EVERYONE);
		all.add(Sid.AUTHENTICATED_USERS);
		AuthorizationContext context = new AuthorizationContext(AuthorizationContext.Source.PAC, DOMAIN.append(rid),
				DOMAIN.append(513), all, name, "EXAMPLE", name + "@example.test", false);
		return new SecurityInfo(name + "@EXAMPLE.TEST", null, AuthPackage.SPNEGO, Mechanism.KERBEROS,
				ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION, true, false, null, context);
	}

	private static final class SidMapping {

		static final String ORDERS = "negotiate.tcp.server.authorities.sid-map.[" + SidAuthoritiesTests.ORDERS + "]";

	}

}
