package org.negotiatetcp.boot.acl;

import java.util.List;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.acls.domain.AclAuthorizationStrategy;
import org.springframework.security.acls.model.Acl;
import org.springframework.security.acls.model.Sid;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Who may change an ACL, by Windows' rules for a security descriptor: its entries (and parent), the owner (who
 * implicitly holds {@code WRITE_DAC}) or a client granted {@link AccessRight#CHANGE_PERMISSIONS}; its owner, a client
 * granted {@link AccessRight#TAKE_OWNERSHIP}; its auditing, nobody (there is no system ACL). Spring Security ACL's
 * {@code MutableAcl} asks this before every change, with the client in the {@code SecurityContextHolder}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class OwnerRules implements AclAuthorizationStrategy {

	private final ObjectTypes types;

	private final NegotiateSids sids;

	private final AccessCheck accessCheck;

	private SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	/**
	 * Create the rules.
	 * @param types the object types (their mapping of the rights)
	 * @param sids the clients' SIDs
	 * @param accessCheck the access check
	 */
	public OwnerRules(ObjectTypes types, NegotiateSids sids, AccessCheck accessCheck) {
		this.types = types;
		this.sids = sids;
		this.accessCheck = accessCheck;
	}

	/**
	 * Use another holder of the client's security context.
	 * @param contextHolder the holder
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy contextHolder) {
		this.contextHolder = contextHolder;
	}

	@Override
	public void securityCheck(Acl acl, int changeType) {
		Authentication client = this.contextHolder.getContext().getAuthentication();
		if (client == null) {
			throw new AccessDeniedException("No client in the security context: ACL changes are made for a client");
		}
		String object = acl.getObjectIdentity().getType() + " " + acl.getObjectIdentity().getIdentifier();
		switch (changeType) {
			case CHANGE_GENERAL -> {
				if (!mayChangePermissions(acl, client)) {
					throw new AccessDeniedException(client.getName() + " may not change the permissions of " + object
							+ ": only its owner (" + NegotiateSids.format(acl.getOwner())
							+ ") and clients granted CHANGE_PERMISSIONS may");
				}
			}
			case CHANGE_OWNERSHIP -> {
				if (!holds(acl, client, AccessRight.TAKE_OWNERSHIP)) {
					throw new AccessDeniedException(client.getName() + " may not take ownership of " + object
							+ ": it needs TAKE_OWNERSHIP");
				}
			}
			default -> throw new AccessDeniedException(
					"Auditing entries are not supported (no system ACL); " + object + " is unchanged");
		}
	}

	/**
	 * Whether a client may change an ACL's entries: its owner, or a client granted {@code CHANGE_PERMISSIONS}.
	 * @param acl the ACL
	 * @param client the client
	 * @return {@code true} if it may
	 */
	boolean mayChangePermissions(Acl acl, Authentication client) {
		return isOwner(acl, client) || holds(acl, client, AccessRight.CHANGE_PERMISSIONS);
	}

	/**
	 * Whether a client may read an ACL ({@code READ_CONTROL}): its owner, or a client granted {@code READ},
	 * {@code CHANGE_PERMISSIONS} or {@link NegotiatePermission#READ_CONTROL}.
	 * @param acl the ACL
	 * @param client the client
	 * @return {@code true} if it may
	 */
	boolean mayReadPermissions(Acl acl, Authentication client) {
		List<Sid> clientSids = this.sids.getSids(client);
		return isOwner(acl, client) || holds(acl, client, AccessRight.READ)
				|| holds(acl, client, AccessRight.CHANGE_PERMISSIONS)
				|| this.accessCheck.isGrantedAll(acl, NegotiatePermission.READ_CONTROL.getMask(), clientSids);
	}

	/**
	 * Whether a client holds a right on an object, by {@link AccessCheck}.
	 * @param acl the object's ACL
	 * @param client the client
	 * @param right the right
	 * @return {@code true} if granted
	 */
	boolean holds(Acl acl, Authentication client, AccessRight right) {
		int rights = this.types.get(acl.getObjectIdentity().getType()).rights(right);
		return this.accessCheck.isGrantedAll(acl, rights, this.sids.getSids(client));
	}

	private boolean isOwner(Acl acl, Authentication client) {
		return NegotiateSids.isClient(acl.getOwner(), client);
	}

}
