package org.negotiatetcp.boot.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.acls.domain.GrantedAuthoritySid;
import org.springframework.security.acls.domain.ObjectIdentityImpl;
import org.springframework.security.acls.domain.PrincipalSid;
import org.springframework.security.acls.model.ObjectIdentity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import org.negotiatetcp.Mechanism;
import org.negotiatetcp.boot.acl.autoconfigure.NegotiateAclAutoConfiguration;
import org.negotiatetcp.boot.security.NegotiateAuthenticationProvider;
import org.negotiatetcp.boot.security.NegotiateAuthenticationToken;
import org.negotiatetcp.boot.security.SidAuthorityMapper;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.AuthorizationContext;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.security.Sid;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client whose ticket carried a PAC is its SIDs: it owns what it creates as its user SID, entries for its group SIDs
 * apply to it, a deny on one of its groups beats an allow on the user; a client without an authorization context
 * keeps its name. The clients are what the real {@link NegotiateAuthenticationProvider} makes of their handshake
 * results; the ACLs are stored by the auto-configured embedded H2 store.
 */
class AuthorizationContextSidsTests {

	private static final Sid DOMAIN = Sid.parse("S-1-5-21-1004336348-1177238915-682003330");

	private static final Sid ORDERS = DOMAIN.append(1105);

	private static final GrantedAuthoritySid ORDERS_GROUP = new GrantedAuthoritySid(ORDERS.toString());

	private static final NegotiateAuthenticationProvider PROVIDER = provider();

	private static final Authentication ALICE = pac("alice", 1104, ORDERS);

	private static final Authentication BOB = pac("bob", 1106);

	private static final Authentication CAROL = pac("carol", 1107);

	private static final Authentication DAVE = PROVIDER.authenticate(new NegotiateAuthenticationToken(
			new SecurityInfo("dave@EXAMPLE.TEST", null, AuthPackage.SPNEGO, Mechanism.KERBEROS,
					ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION, true, false, null)));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NegotiateAclAutoConfiguration.class));

	private final NegotiateSids sids = new NegotiateSids();

	@Test
	void theUserSidOwnsWhatTheClientCreatesAndGroupSidsAreItsIdentities() {
		List<org.springframework.security.acls.model.Sid> aliceSids = this.sids.getSids(ALICE);
		assertThat(aliceSids).contains(new PrincipalSid(DOMAIN.append(1104).toString()),
				new PrincipalSid("alice@EXAMPLE.TEST"), ORDERS_GROUP,
				new GrantedAuthoritySid(DOMAIN.append(513).toString()), new GrantedAuthoritySid("ROLE_ORDERS"));
		// the PAC's Everyone and Authenticated Users are the module's constants, each once
		assertThat(aliceSids.stream().filter(NegotiateSids.EVERYONE::equals)).hasSize(1);
		assertThat(aliceSids.stream().filter(NegotiateSids.AUTHENTICATED_USERS::equals)).hasSize(1);
		this.runner.run((context) -> {
			NegotiateObjectSecurity security = context.getBean(NegotiateObjectSecurity.class);
			ObjectIdentity order = new ObjectIdentityImpl("Order", 1L);
			ObjectSecurityDescriptor created = as(ALICE, security, (s) -> s.create("Order", 1L));
			assertThat(created.owner()).isEqualTo(new PrincipalSid("S-1-5-21-1004336348-1177238915-682003330-1104"));
			assertThat(allowed(ALICE, security, order, AccessRight.READ, AccessRight.WRITE)).isTrue();
			assertThat(allowed(BOB, security, order, AccessRight.READ)).isFalse();
			// as the owner (by its user SID) alice changes the permissions
			as(ALICE, security, (s) -> s.grant(order, NegotiateSids.parse("principal:" + DOMAIN.append(1106)),
					AccessRight.READ));
			assertThat(allowed(BOB, security, order, AccessRight.READ)).isTrue();
		});
	}

	@Test
	void anEntryForAGroupSidAdmitsAMemberAndNotANonMember() {
		this.runner.run((context) -> {
			NegotiateObjectSecurity security = context.getBean(NegotiateObjectSecurity.class);
			ObjectIdentity order = new ObjectIdentityImpl("Order", 2L);
			as(CAROL, security, (s) -> s.create("Order", 2L));
			assertThat(allowed(ALICE, security, order, AccessRight.READ)).isFalse();
			// as configuration writes it, lower case: the same SID
			as(CAROL, security, (s) -> s.grant(order, NegotiateSids.parse(ORDERS.toString().toLowerCase()),
					AccessRight.READ));
			assertThat(allowed(ALICE, security, order, AccessRight.READ)).isTrue();
			assertThat(allowed(ALICE, security, order, AccessRight.WRITE)).isFalse();
			assertThat(allowed(BOB, security, order, AccessRight.READ)).isFalse();
			assertThat(allowed(DAVE, security, order, AccessRight.READ)).isFalse();
		});
	}

	@Test
	void aDenyOnAGroupSidBeatsAnAllowOnTheUserSid() {
		this.runner.run((context) -> {
			NegotiateObjectSecurity security = context.getBean(NegotiateObjectSecurity.class);
			ObjectIdentity order = new ObjectIdentityImpl("Order", 3L);
			as(CAROL, security, (s) -> s.create("Order", 3L));
			as(CAROL, security, (s) -> s.grant(order, new PrincipalSid(DOMAIN.append(1104).toString()),
					AccessRight.READ));
			assertThat(allowed(ALICE, security, order, AccessRight.READ)).isTrue();
			ObjectSecurityDescriptor denied = as(CAROL, security, (s) -> s.deny(order, ORDERS_GROUP, AccessRight.READ));
			assertThat(denied.explicitEntries().get(0).granting()).isFalse();
			assertThat(allowed(ALICE, security, order, AccessRight.READ)).isFalse();
			// carol, not in the group, keeps her rights
			assertThat(allowed(CAROL, security, order, AccessRight.READ)).isTrue();
		});
	}

	@Test
	void aClientWithoutAnAuthorizationContextKeepsItsName() {
		assertThat(this.sids.getSids(DAVE)).containsExactly(new PrincipalSid("dave@EXAMPLE.TEST"),
				NegotiateSids.AUTHENTICATED_USERS, NegotiateSids.EVERYONE);
		this.runner.run((context) -> {
			NegotiateObjectSecurity security = context.getBean(NegotiateObjectSecurity.class);
			ObjectIdentity order = new ObjectIdentityImpl("Order", 4L);
			assertThat(as(DAVE, security, (s) -> s.create("Order", 4L)).owner())
				.isEqualTo(new PrincipalSid("dave@EXAMPLE.TEST"));
			assertThat(allowed(DAVE, security, order, AccessRight.READ)).isTrue();
			assertThat(allowed(ALICE, security, order, AccessRight.READ)).isFalse();
		});
	}

	private static <T> T as(Authentication client, NegotiateObjectSecurity security,
			Function<NegotiateObjectSecurity, T> call) {
		SecurityContextHolder.getContext().setAuthentication(client);
		try {
			return call.apply(security);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static boolean allowed(Authentication client, NegotiateObjectSecurity security, ObjectIdentity object,
			AccessRight... rights) {
		Boolean allowed = as(client, security, (s) -> s.accessCheck(object, rights));
		return allowed;
	}

	private static NegotiateAuthenticationProvider provider() {
		NegotiateAuthenticationProvider provider = new NegotiateAuthenticationProvider();
		provider.setSidAuthorityMapper(new SidAuthorityMapper(Map.of(ORDERS.toString(), "ORDERS")));
		return provider;
	}

	private static Authentication pac(String name, long rid, Sid... groups) {
		// what PacAuthorization makes of a PAC: Domain Users, the groups, then Everyone and Authenticated Users
		List<Sid> all = new ArrayList<>();
		all.add(DOMAIN.append(513));
		all.addAll(List.of(groups));
		all.add(Sid.EVERYONE);
		all.add(Sid.AUTHENTICATED_USERS);
		AuthorizationContext context = new AuthorizationContext(AuthorizationContext.Source.PAC, DOMAIN.append(rid),
				DOMAIN.append(513), all, name, "EXAMPLE", name + "@example.test", true);
		SecurityInfo info = new SecurityInfo(name + "@EXAMPLE.TEST", null, AuthPackage.SPNEGO, Mechanism.KERBEROS,
				ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION, true, false, null, context);
		return PROVIDER.authenticate(new NegotiateAuthenticationToken(info));
	}

}
