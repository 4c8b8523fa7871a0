package org.negotiatetcp.boot.security;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import org.negotiatetcp.Mechanism;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.security.authorization.AuthenticatedAuthorizationManager.anonymous;
import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole;
import static org.springframework.security.authorization.SingleResultAuthorizationManager.permitAll;

/**
 * Rule matching of {@link NegotiateSecurity} / {@link NegotiateSecuritySessionAuthorizer} on handshake results.
 */
class NegotiateSecuritySessionAuthorizerTests {

	private static final String BASE = "net.tcp://srv.example.com:808";

	private final NegotiateSecurity security = new NegotiateSecurity(
			new ProviderManager(NegotiateAuthenticationProvider.withUserDetailsService(new InMemoryUserDetailsManager(
					User.withUsername("alice@EXAMPLE.COM").password("{noop}x").roles("ORDERS").build(),
					User.withUsername("EXAMPLE\\bob").password("{noop}x").roles("ADMIN").build()))));

	@Test
	void firstMatchingViaRuleDecidesIgnoringCaseAndTrailingSlash() {
		NegotiateSecuritySessionAuthorizer authorizer = this.security.authorizeVia("/admin/**", hasRole("ADMIN"))
			.authorizeVia("/orders/**", hasRole("ORDERS"))
			.build();
		assertThat(authorize(authorizer, kerberos("alice@EXAMPLE.COM"), BASE + "/Orders/")).isNotNull();
		assertThat(authorize(authorizer, kerberos("alice@EXAMPLE.COM"), BASE + "/orders/today")).isNotNull();
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> authorize(authorizer, kerberos("alice@EXAMPLE.COM"), BASE + "/admin"))
			.withMessageContaining("Client alice@EXAMPLE.COM on via " + BASE + "/admin is denied by rule /admin/**");
		assertThat(authorize(authorizer, ntlm("EXAMPLE\\bob"), BASE + "/ADMIN/users")).isNotNull();
	}

	@Test
	void sessionsMatchingNoRuleNeedAnAuthenticatedClient() {
		NegotiateSecuritySessionAuthorizer authorizer = this.security.authorizeVia("/admin/**", hasRole("ADMIN"))
			.allowAnonymousClients(true)
			.build();
		Authentication alice = authorize(authorizer, kerberos("alice@EXAMPLE.COM"), BASE + "/anything");
		assertThat(alice.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ORDERS");
		assertThat(authorize(authorizer, kerberos("alice@EXAMPLE.COM"), null)).isNotNull();
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> authorize(authorizer, anonymousClient(), BASE + "/anything"))
			.withMessageContaining("Anonymous client on via " + BASE + "/anything is denied by any via");
	}

	@Test
	void anonymousClientsAreRefusedEverywhereUnlessAllowed() {
		NegotiateSecuritySessionAuthorizer authorizer = this.security.authorizeVia("/public/**", permitAll())
			.anyVia(permitAll())
			.build();
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> authorize(authorizer, anonymousClient(), BASE + "/public/x"))
			.withMessageContaining("Anonymous client on via " + BASE + "/public/x is refused: anonymous clients are "
					+ "not allowed; set negotiate.tcp.server.allow-anonymous-clients to true");
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> authorize(authorizer, anonymousClient(), null));
		assertThat(authorize(authorizer, kerberos("alice@EXAMPLE.COM"), BASE + "/public/x")).isNotNull();
	}

	@Test
	void anonymousClientsPassOnlyWhereARulePermitsThem() {
		NegotiateSecuritySessionAuthorizer authorizer = this.security.authorizeVia("/public/**", permitAll())
			.authorizeVia("/guests/**", anonymous())
			.authorizeVia("/orders/**", hasRole("ORDERS"))
			.allowAnonymousClients(true)
			.build();
		assertThat(authorize(authorizer, anonymousClient(), BASE + "/public/x"))
			.isInstanceOf(NegotiateAnonymousAuthenticationToken.class);
		assertThat(authorize(authorizer, anonymousClient(), BASE + "/guests"))
			.isInstanceOf(NegotiateAnonymousAuthenticationToken.class);
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> authorize(authorizer, anonymousClient(), BASE + "/orders"));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> authorize(authorizer, anonymousClient(), null));
	}

	@Test
	void impersonationLevelBelowTheMinimumIsRefused() {
		NegotiateSecuritySessionAuthorizer authorizer = this.security
			.minimumImpersonationLevel("/delegate/**", ImpersonationLevel.DELEGATION)
			.minimumImpersonationLevel(ImpersonationLevel.IMPERSONATION)
			.build();
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> authorize(authorizer, kerberos("alice@EXAMPLE.COM"), BASE + "/delegate/reports"))
			.withMessageContaining("allows impersonation level IMPERSONATION but at least DELEGATION is required")
			.withMessageContaining("allowed-impersonation-level to delegation and have a forwardable ticket");
		assertThat(authorize(authorizer, kerberos("alice@EXAMPLE.COM"), BASE + "/orders")).isNotNull();
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> authorize(authorizer, ntlm("EXAMPLE\\bob"), BASE + "/orders"))
			.withMessageContaining("IDENTIFICATION but at least IMPERSONATION");
	}

	@Test
	void unknownUserIsRefused() {
		NegotiateSecuritySessionAuthorizer authorizer = this.security.build();
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> authorize(authorizer, kerberos("mallory@EXAMPLE.COM"), BASE + "/orders"))
			.withMessageContaining("Authentication of mallory@EXAMPLE.COM failed");
	}

	@Test
	void withoutUserDetailsTheClientHasNoAuthorities() {
		Authentication authentication = authorize(new NegotiateSecurity().build(), ntlm("EXAMPLE\\zoe"), null);
		assertThat(authentication).isInstanceOf(NegotiateAuthenticationToken.class)
			.isNotInstanceOf(KerberosNegotiateAuthenticationToken.class);
		assertThat(authentication.isAuthenticated()).isTrue();
		assertThat(authentication.getAuthorities()).isEmpty();
		assertThat(authentication.getName()).isEqualTo("EXAMPLE\\zoe");
		NegotiateAuthenticationToken token = (NegotiateAuthenticationToken) authentication;
		assertThat(token.getMechanism()).isEqualTo(Mechanism.NTLM);
		assertThat(token.getProtectionLevel()).isEqualTo(ProtectionLevel.ENCRYPT_AND_SIGN);
		assertThat(token.getImpersonationLevel()).isEqualTo(ImpersonationLevel.IDENTIFICATION);
		assertThat(token.getDelegatedCredential()).isNull();
	}

	@Test
	void kerberosClientsGetASpringSecurityKerberosAuthentication() {
		Authentication authentication = authorize(this.security.build(), kerberos("alice@EXAMPLE.COM"), null);
		assertThat(authentication).isInstanceOf(KerberosNegotiateAuthenticationToken.class);
		KerberosNegotiateAuthenticationToken token = (KerberosNegotiateAuthenticationToken) authentication;
		assertThat(token.getJaasSubjectHolder().getUsername()).isEqualTo("alice@EXAMPLE.COM");
		assertThat(token.getJaasSubjectHolder().getJaasSubject().getPrincipals()).extracting(Object::toString)
			.containsExactly("alice@EXAMPLE.COM");
		assertThat(token.getPrincipal()).isInstanceOf(User.class);
	}

	@Test
	void policiesCombineWithAuthorizationManagersAllOfAndTheFirstRefusalDecides() {
		AuthorizationManager<NegotiateAuthorizationContext> rules = this.security
			.minimumImpersonationLevel("/delegate/**", ImpersonationLevel.DELEGATION)
			.authorizeVia("/delegate/**", hasRole("ADMIN"))
			.authorizationManager();
		Supplier<Authentication> alice = () -> new NegotiateAuthenticationToken("alice@EXAMPLE.COM",
				kerberos("alice@EXAMPLE.COM"), List.of());
		AuthorizationResult refused = rules.authorize(alice,
				new NegotiateAuthorizationContext(kerberos("alice@EXAMPLE.COM"), BASE + "/delegate/x"));
		assertThat(refused.isGranted()).isFalse();
		assertThat(refused.toString()).contains("at least DELEGATION is required").doesNotContain("ADMIN");
		AuthorizationResult granted = rules.authorize(alice,
				new NegotiateAuthorizationContext(kerberos("alice@EXAMPLE.COM"), BASE + "/orders"));
		assertThat(granted.isGranted()).isTrue();
		NegotiateSecuritySessionAuthorizer custom = new NegotiateSecuritySessionAuthorizer(
				new ProviderManager(new NegotiateAuthenticationProvider()),
				AuthorizationManagers.allOf(rules, (authentication, context) -> new AuthorizationDecision(
						!context.securityInfo().peerName().startsWith("alice"))));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> authorize(custom, kerberos("alice@EXAMPLE.COM"), BASE + "/orders"))
			.withMessageContaining("Client alice@EXAMPLE.COM on via " + BASE + "/orders is denied by");
		assertThat(authorize(custom, kerberos("bob@EXAMPLE.COM"), BASE + "/orders")).isNotNull();
	}

	static Authentication authorize(NegotiateSecuritySessionAuthorizer authorizer, SecurityInfo info, String via) {
		return authorizer.authorize(info, via).block(Duration.ofSeconds(10));
	}

	static SecurityInfo kerberos(String name) {
		return new SecurityInfo(name, null, AuthPackage.SPNEGO, Mechanism.KERBEROS, ProtectionLevel.ENCRYPT_AND_SIGN,
				ImpersonationLevel.IMPERSONATION, true, false, null);
	}

	static SecurityInfo ntlm(String name) {
		return new SecurityInfo(name, null, AuthPackage.NTLM, Mechanism.NTLM, ProtectionLevel.ENCRYPT_AND_SIGN,
				ImpersonationLevel.IDENTIFICATION, false, false, null);
	}

	static SecurityInfo anonymousClient() {
		return new SecurityInfo("", null, AuthPackage.NTLM, Mechanism.NTLM, ProtectionLevel.ENCRYPT_AND_SIGN,
				ImpersonationLevel.ANONYMOUS, false, true, null);
	}

	static List<String> names(List<Authentication> authentications) {
		return authentications.stream().map(Authentication::getName).toList();
	}

}
