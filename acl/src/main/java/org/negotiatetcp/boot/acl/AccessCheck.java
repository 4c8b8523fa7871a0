package org.negotiatetcp.boot.acl;

import java.util.List;

import org.springframework.security.acls.model.AccessControlEntry;
import org.springframework.security.acls.model.Acl;
import org.springframework.security.acls.model.Permission;
import org.springframework.security.acls.model.PermissionGrantingStrategy;
import org.springframework.security.acls.model.Sid;

/**
 * Windows' {@code AccessCheck} as a {@link PermissionGrantingStrategy}: the entries are walked in their order and the
 * first one whose SID is one of the client's and whose rights include the asked permission decides, allow or deny;
 * no such entry denies. With the entries in canonical order (see {@link AccessEntry#CANONICAL_ORDER}) a deny beats an
 * allow, and an explicit entry an inherited one, whatever SID the client matched.
 * <p>
 * Spring Security ACL's {@code DefaultPermissionGrantingStrategy} differs in two ways this replaces: it tries the
 * client's SIDs one at a time (so an allow for the client's principal beats an earlier deny for one of its groups)
 * and it compares whole masks (so an entry with several rights matches none of them).
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class AccessCheck implements PermissionGrantingStrategy {

	/**
	 * Whether any of the permissions is granted, Spring's contract for several permissions.
	 * @param acl the ACL
	 * @param permission the permissions, any of which suffices
	 * @param sids the client's SIDs
	 * @param administrativeMode ignored (no auditing)
	 * @return {@code true} if an entry allows one of them before an entry denies it
	 */
	@Override
	public boolean isGranted(Acl acl, List<Permission> permission, List<Sid> sids, boolean administrativeMode) {
		for (Permission asked : permission) {
			if (isGrantedAll(acl, asked.getMask() & AccessMask.RIGHTS, sids)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether every right in a mask is granted, {@code AccessCheck}'s contract for a desired access mask: each right
	 * is decided by the first entry that names it for one of the client's SIDs.
	 * @param acl the ACL
	 * @param rights the permission bits, all of which are needed
	 * @param sids the client's SIDs
	 * @return {@code true} if all are granted
	 */
	public boolean isGrantedAll(Acl acl, int rights, List<Sid> sids) {
		if (rights == 0) {
			return false;
		}
		for (int bit = 0; bit < 28; bit++) {
			int right = 1 << bit;
			if ((rights & right) != 0 && !decide(acl, right, sids)) {
				return false;
			}
		}
		return true;
	}

	private boolean decide(Acl acl, int right, List<Sid> sids) {
		for (AccessControlEntry ace : acl.getEntries()) {
			if ((ace.getPermission().getMask() & right) != 0 && sids.contains(ace.getSid())) {
				return ace.isGranting();
			}
		}
		if (acl.isEntriesInheriting() && acl.getParentAcl() != null) {
			return decide(acl.getParentAcl(), right, sids);
		}
		return false;
	}

}
