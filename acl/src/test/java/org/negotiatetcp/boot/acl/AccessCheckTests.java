package org.negotiatetcp.boot.acl;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.acls.domain.AclAuthorizationStrategy;
import org.springframework.security.acls.domain.AclImpl;
import org.springframework.security.acls.domain.BasePermission;
import org.springframework.security.acls.domain.ConsoleAuditLogger;
import org.springframework.security.acls.domain.DefaultPermissionGrantingStrategy;
import org.springframework.security.acls.domain.GrantedAuthoritySid;
import org.springframework.security.acls.domain.ObjectIdentityImpl;
import org.springframework.security.acls.domain.PrincipalSid;
import org.springframework.security.acls.model.Sid;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AccessCheck} gives Windows' answer where Spring Security ACL's default strategy does not: the first entry
 * for any of the client's SIDs decides, and an entry with several rights grants each of them.
 */
class AccessCheckTests {

	private static final AclAuthorizationStrategy ANY_CHANGE = (acl, changeType) -> {
	};

	private final Sid alice = new PrincipalSid("alice@EXAMPLE.COM");

	private final Sid clerks = new GrantedAuthoritySid("ROLE_CLERKS");

	private final List<Sid> aliceSids = List.of(this.alice, this.clerks, NegotiateSids.EVERYONE);

	@Test
	void aDenyForAGroupBeforeAnAllowForThePrincipalDenies() {
		AclImpl acl = acl(new AccessCheck());
		acl.insertAce(0, new AccessMask(1), this.clerks, false);
		acl.insertAce(1, new AccessMask(1), this.alice, true);
		assertThat(acl.isGranted(List.of(BasePermission.READ), this.aliceSids, false)).isFalse();
		// Spring's default strategy tries alice's principal SID first and allows
		AclImpl spring = acl(new DefaultPermissionGrantingStrategy(new ConsoleAuditLogger()));
		spring.insertAce(0, BasePermission.READ, this.clerks, false);
		spring.insertAce(1, BasePermission.READ, this.alice, true);
		assertThat(spring.isGranted(List.of(BasePermission.READ), this.aliceSids, false)).isTrue();
	}

	@Test
	void anEntryWithSeveralRightsGrantsEachAndFlagsAreNotRights() {
		AclImpl acl = acl(new AccessCheck());
		acl.insertAce(0, new AccessMask(AccessMask.INHERITED | AccessMask.INHERITABLE | 0b11), this.alice, true);
		assertThat(acl.isGranted(List.of(BasePermission.READ), this.aliceSids, false)).isTrue();
		assertThat(acl.isGranted(List.of(BasePermission.WRITE), this.aliceSids, false)).isTrue();
		assertThat(acl.isGranted(List.of(BasePermission.DELETE), this.aliceSids, false)).isFalse();
		assertThat(new AccessCheck().isGrantedAll(acl, 0b11, this.aliceSids)).isTrue();
		assertThat(new AccessCheck().isGrantedAll(acl, 0b1011, this.aliceSids)).isFalse();
	}

	@Test
	void eachRightIsDecidedByTheFirstEntryNamingIt() {
		AclImpl acl = acl(new AccessCheck());
		acl.insertAce(0, new AccessMask(0b10), NegotiateSids.EVERYONE, false);
		acl.insertAce(1, new AccessMask(0b11), this.clerks, true);
		assertThat(new AccessCheck().isGrantedAll(acl, 0b01, this.aliceSids)).isTrue();
		assertThat(new AccessCheck().isGrantedAll(acl, 0b11, this.aliceSids)).isFalse();
		assertThat(new AccessCheck().isGrantedAll(acl, 0b01, List.of(NegotiateSids.EVERYONE))).isFalse();
	}

	@Test
	void canonicalOrderPutsExplicitBeforeInheritedAndDenyBeforeAllow() {
		AccessEntry inheritedAllow = new AccessEntry(this.alice, 1, true, false, true);
		AccessEntry inheritedDeny = new AccessEntry(this.clerks, 1, false, false, true);
		AccessEntry explicitAllow = AccessEntry.allow(this.clerks, 2);
		AccessEntry explicitDeny = AccessEntry.deny(NegotiateSids.EVERYONE, 8);
		assertThat(AccessEntry.canonical(List.of(inheritedAllow, explicitAllow, inheritedDeny, explicitDeny)))
			.containsExactly(explicitDeny, explicitAllow, inheritedDeny, inheritedAllow);
	}

	private AclImpl acl(org.springframework.security.acls.model.PermissionGrantingStrategy strategy) {
		return new AclImpl(new ObjectIdentityImpl("Order", 1L), 1L, ANY_CHANGE, strategy, null, null, false,
				this.alice);
	}

}
