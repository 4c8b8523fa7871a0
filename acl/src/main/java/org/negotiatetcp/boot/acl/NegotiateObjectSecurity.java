package org.negotiatetcp.boot.acl;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.acls.domain.AclAuthorizationStrategy;
import org.springframework.security.acls.domain.AclImpl;
import org.springframework.security.acls.domain.ObjectIdentityImpl;
import org.springframework.security.acls.model.AccessControlEntry;
import org.springframework.security.acls.model.Acl;
import org.springframework.security.acls.model.MutableAcl;
import org.springframework.security.acls.model.MutableAclService;
import org.springframework.security.acls.model.NotFoundException;
import org.springframework.security.acls.model.ObjectIdentity;
import org.springframework.security.acls.model.Sid;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The security of objects a server creates for its clients, Windows' private object security calls on Spring
 * Security ACL, for the client in the {@code SecurityContextHolder} (a handler's blocking work runs in
 * {@code NegotiateSecurityContext.blocking(...)}, which puts the channel's {@code Authentication} there):
 * <ul>
 * <li>{@link #create} is {@code CreatePrivateObjectSecurity}: the client owns the new object; its entries are the
 * creator's and the type's defaults (explicit) and the parent's inheritable entries (inherited), in canonical
 * order;</li>
 * <li>{@link #accessCheck} is {@code AccessCheck} (method security's {@code hasPermission} gives the same answer);</li>
 * <li>{@link #get} is {@code GetPrivateObjectSecurity}: for the owner and clients allowed to read the object or its
 * ACL;</li>
 * <li>{@link #setEntries}, {@link #grant}, {@link #deny} are {@code SetPrivateObjectSecurity} of the DACL: for the
 * owner and clients granted {@code CHANGE_PERMISSIONS}; inherited entries are kept;</li>
 * <li>{@link #takeOwnership} is {@code SetPrivateObjectSecurity} of the owner: the client becomes the owner if
 * granted {@code TAKE_OWNERSHIP}; nobody sets another owner than itself;</li>
 * <li>{@link #destroy} is {@code DestroyPrivateObjectSecurity}, for clients allowed to delete the object.</li>
 * </ul>
 * An anonymous client owns nothing: it cannot create objects or take ownership, and passes only entries granted to
 * {@link NegotiateSids#EVERYONE}. Every call runs in one transaction.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class NegotiateObjectSecurity {

	/** The changes this service makes are authorized before the ACL to store is built. */
	private static final AclAuthorizationStrategy AUTHORIZED = (acl, changeType) -> {
	};

	private final MutableAclService acls;

	private final ObjectTypes types;

	private final NegotiateSids sids;

	private final AccessCheck accessCheck;

	private final OwnerRules rules;

	private final TransactionOperations transactions;

	private SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	/**
	 * Create the service.
	 * @param acls the ACL store
	 * @param types the object types
	 * @param sids the clients' SIDs
	 * @param accessCheck the access check (the ACL store's permission granting strategy)
	 * @param rules who may change ACLs (the ACL store's authorization strategy)
	 * @param transactions the transactions of the ACL store's database
	 */
	public NegotiateObjectSecurity(MutableAclService acls, ObjectTypes types, NegotiateSids sids,
			AccessCheck accessCheck, OwnerRules rules, TransactionOperations transactions) {
		this.acls = acls;
		this.types = types;
		this.sids = sids;
		this.accessCheck = accessCheck;
		this.rules = rules;
		this.transactions = transactions;
	}

	/**
	 * Use another holder of the client's security context.
	 * @param contextHolder the holder
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy contextHolder) {
		this.contextHolder = contextHolder;
	}

	/**
	 * Create the ACL of an object the client created, without a parent.
	 * @param type the object type, for example {@code Order}
	 * @param id the object's identifier
	 * @return its security
	 */
	public ObjectSecurityDescriptor create(String type, Serializable id) {
		return create(new ObjectIdentityImpl(type, id), null, List.of());
	}

	/**
	 * Create the ACL of an object the client created under a parent, from which it inherits.
	 * @param type the object type
	 * @param id the object's identifier
	 * @param parent the parent object, which must have an ACL
	 * @return its security
	 */
	public ObjectSecurityDescriptor create(String type, Serializable id, ObjectIdentity parent) {
		return create(new ObjectIdentityImpl(type, id), parent, List.of());
	}

	/**
	 * Create the ACL of an object the client created ({@code CreatePrivateObjectSecurity}): the client is the owner;
	 * the explicit entries are the creator's and the type's defaults followed by {@code explicitEntries}; the
	 * inherited entries are the parent's inheritable ones ({@link NegotiateSids#CREATOR_OWNER} becoming the client);
	 * all in canonical order. Whether the client may create objects under the parent is the application's rule (for
	 * example {@code @PreAuthorize("hasPermission(#folder, 'Folder', 'WRITE')")} on the method that creates them).
	 * @param object the object
	 * @param parent the parent it inherits from, or {@code null}
	 * @param explicitEntries more explicit entries (the creator descriptor's DACL)
	 * @return its security
	 * @throws AccessDeniedException for an anonymous client
	 * @throws org.springframework.security.acls.model.AlreadyExistsException if the object has an ACL
	 * @throws NotFoundException if the parent has none
	 */
	public ObjectSecurityDescriptor create(ObjectIdentity object, @Nullable ObjectIdentity parent,
			List<AccessEntry> explicitEntries) {
		Sid owner = NegotiateSids.owner(client());
		for (AccessEntry entry : explicitEntries) {
			if (entry.inherited()) {
				throw new IllegalArgumentException("An explicit entry cannot be flagged inherited: " + entry);
			}
		}
		return inTransaction(() -> {
			Acl parentAcl = (parent != null) ? this.acls.readAclById(parent) : null;
			List<AccessEntry> entries = new ArrayList<>(this.types.get(object.getType()).creatorEntries(owner));
			entries.addAll(explicitEntries);
			if (parentAcl != null) {
				for (AccessControlEntry ace : parentAcl.getEntries()) {
					AccessEntry entry = AccessEntry.of(ace);
					if (entry.inheritable()) {
						entries.add(entry.inheritedBy(owner));
					}
				}
			}
			MutableAcl acl = this.acls.createAcl(object);
			return describe(this.acls.updateAcl(copy(acl, owner, parentAcl, AccessEntry.canonical(entries))));
		});
	}

	/**
	 * Check the client's access to an object ({@code AccessCheck}).
	 * @param object the object
	 * @param rights the rights it needs, all of them
	 * @return {@code true} if every right is granted; {@code false} also for an object without an ACL
	 */
	public boolean accessCheck(ObjectIdentity object, AccessRight... rights) {
		Authentication client = client();
		if (client == null) {
			return false;
		}
		Acl acl;
		try {
			acl = this.acls.readAclById(object);
		}
		catch (NotFoundException ex) {
			return false;
		}
		int mask = this.types.get(object.getType()).rights(rights);
		return this.accessCheck.isGrantedAll(acl, mask, this.sids.getSids(client));
	}

	/**
	 * Return an object's security ({@code GetPrivateObjectSecurity}), for its owner and clients allowed to read the
	 * object or its ACL.
	 * @param object the object
	 * @return its security
	 * @throws AccessDeniedException if the client may not read it
	 * @throws NotFoundException if the object has no ACL
	 */
	public ObjectSecurityDescriptor get(ObjectIdentity object) {
		Authentication client = requireClient();
		Acl acl = this.acls.readAclById(object);
		if (!this.rules.mayReadPermissions(acl, client)) {
			throw new AccessDeniedException(client.getName() + " may not read the permissions of "
					+ object.getType() + " " + object.getIdentifier());
		}
		return describe(acl);
	}

	/**
	 * Replace an object's explicit entries ({@code SetPrivateObjectSecurity} of the DACL), keeping its inherited
	 * ones; for its owner and clients granted {@code CHANGE_PERMISSIONS}. The entries are stored in canonical order.
	 * @param object the object
	 * @param explicitEntries its new explicit entries
	 * @return its security
	 * @throws AccessDeniedException if the client may not change them
	 */
	public ObjectSecurityDescriptor setEntries(ObjectIdentity object, List<AccessEntry> explicitEntries) {
		requireClient();
		for (AccessEntry entry : explicitEntries) {
			if (entry.inherited()) {
				throw new IllegalArgumentException("An explicit entry cannot be flagged inherited: " + entry);
			}
		}
		return inTransaction(() -> {
			Acl acl = this.acls.readAclById(object);
			Authentication client = requireClient();
			if (!this.rules.mayChangePermissions(acl, client)) {
				// before any change: the cached ACL stays as it is
				this.rules.securityCheck(acl, OwnerRules.CHANGE_GENERAL);
			}
			List<AccessEntry> entries = new ArrayList<>(explicitEntries);
			entries.addAll(describe(acl).inheritedEntries());
			return describe(this.acls.updateAcl(copy(acl, acl.getOwner(), acl.getParentAcl(),
					AccessEntry.canonical(entries))));
		});
	}

	/**
	 * Add an explicit entry that allows rights ({@link #setEntries} with one more entry).
	 * @param object the object
	 * @param sid who
	 * @param rights the rights
	 * @return its security
	 */
	public ObjectSecurityDescriptor grant(ObjectIdentity object, Sid sid, AccessRight... rights) {
		return add(object, AccessEntry.allow(sid, this.types.get(object.getType()).rights(rights)));
	}

	/**
	 * Add an explicit entry that denies rights ({@link #setEntries} with one more entry).
	 * @param object the object
	 * @param sid who
	 * @param rights the rights
	 * @return its security
	 */
	public ObjectSecurityDescriptor deny(ObjectIdentity object, Sid sid, AccessRight... rights) {
		return add(object, AccessEntry.deny(sid, this.types.get(object.getType()).rights(rights)));
	}

	/**
	 * Add an explicit entry ({@link #setEntries} with one more entry).
	 * @param object the object
	 * @param entry the entry
	 * @return its security
	 */
	public ObjectSecurityDescriptor add(ObjectIdentity object, AccessEntry entry) {
		return inTransaction(() -> {
			List<AccessEntry> explicit = new ArrayList<>(explicitEntriesForChange(object));
			explicit.add(entry);
			return setEntries(object, explicit);
		});
	}

	/**
	 * Make the client the object's owner ({@code SetPrivateObjectSecurity} of the owner), if it is granted
	 * {@code TAKE_OWNERSHIP}. Entries are unchanged.
	 * @param object the object
	 * @return its security
	 * @throws AccessDeniedException if the client may not, or is anonymous
	 */
	public ObjectSecurityDescriptor takeOwnership(ObjectIdentity object) {
		Sid newOwner = NegotiateSids.owner(client());
		return inTransaction(() -> {
			Acl acl = this.acls.readAclById(object);
			if (newOwner.equals(acl.getOwner())) {
				return describe(acl);
			}
			if (!this.rules.holds(acl, requireClient(), AccessRight.TAKE_OWNERSHIP)) {
				this.rules.securityCheck(acl, OwnerRules.CHANGE_OWNERSHIP);
			}
			List<AccessEntry> entries = acl.getEntries().stream().map(AccessEntry::of).toList();
			return describe(this.acls.updateAcl(copy(acl, newOwner, acl.getParentAcl(), entries)));
		});
	}

	/**
	 * Delete an object's ACL ({@code DestroyPrivateObjectSecurity}), for its owner and clients granted
	 * {@code DELETE}; objects created under it must be deleted first.
	 * @param object the object
	 * @throws AccessDeniedException if the client may not delete it
	 */
	public void destroy(ObjectIdentity object) {
		Authentication client = requireClient();
		inTransaction(() -> {
			Acl acl = this.acls.readAclById(object);
			if (!this.rules.holds(acl, client, AccessRight.DELETE)) {
				throw new AccessDeniedException(client.getName() + " may not delete " + object.getType() + " "
						+ object.getIdentifier());
			}
			this.acls.deleteAcl(object, false);
			return null;
		});
	}

	private List<AccessEntry> explicitEntriesForChange(ObjectIdentity object) {
		Acl acl = this.acls.readAclById(object);
		Authentication client = requireClient();
		if (!this.rules.mayChangePermissions(acl, client)) {
			this.rules.securityCheck(acl, OwnerRules.CHANGE_GENERAL);
		}
		return describe(acl).explicitEntries();
	}

	/**
	 * Build the ACL to store as a new instance: the one read (possibly the cached instance) stays unchanged until the
	 * store replaces it, and the entries are written at once, the change having been authorized before (Spring's
	 * {@code MutableAcl} checks each insertion and deletion against the entries left, which a client allowed by one
	 * of the entries being replaced would fail half-way).
	 */
	private MutableAcl copy(Acl acl, Sid owner, @Nullable Acl parent, List<AccessEntry> entries) {
		AclImpl copy = new AclImpl(acl.getObjectIdentity(), ((MutableAcl) acl).getId(), AUTHORIZED, this.accessCheck,
				parent, null, false, owner);
		for (int i = 0; i < entries.size(); i++) {
			AccessEntry entry = entries.get(i);
			copy.insertAce(i, entry.mask(), entry.sid(), entry.granting());
		}
		return copy;
	}

	private ObjectSecurityDescriptor describe(Acl acl) {
		List<AccessEntry> entries = acl.getEntries().stream().map(AccessEntry::of).toList();
		Acl parent = acl.getParentAcl();
		return new ObjectSecurityDescriptor(acl.getObjectIdentity(), acl.getOwner(),
				(parent != null) ? parent.getObjectIdentity() : null, entries);
	}

	private @Nullable Authentication client() {
		return this.contextHolder.getContext().getAuthentication();
	}

	private Authentication requireClient() {
		Authentication client = client();
		if (client == null) {
			throw new AccessDeniedException(
					"No client in the security context: call from the handler inside NegotiateSecurityContext.blocking(...)");
		}
		return client;
	}

	private <T> T inTransaction(java.util.function.Supplier<T> work) {
		return this.transactions.execute((status) -> work.get());
	}

}
