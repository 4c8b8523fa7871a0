package org.negotiatetcp.boot.acl;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.acls.model.ObjectIdentity;
import org.springframework.security.acls.model.Sid;

/**
 * What {@code GetPrivateObjectSecurity} returns: an object's owner, the parent it inherited from and its entries in
 * evaluation order.
 *
 * @param object the object
 * @param owner its owner
 * @param parent the object it inherited entries from, if any
 * @param entries its entries, in the order {@link AccessCheck} evaluates them
 * @author Negotiate TCP
 * @since 0.1.0
 */
public record ObjectSecurityDescriptor(ObjectIdentity object, Sid owner, @Nullable ObjectIdentity parent,
		List<AccessEntry> entries) {

	public ObjectSecurityDescriptor {
		entries = List.copyOf(entries);
	}

	/**
	 * Return the explicit entries (those not inherited).
	 * @return the explicit entries
	 */
	public List<AccessEntry> explicitEntries() {
		return this.entries.stream().filter((entry) -> !entry.inherited()).toList();
	}

	/**
	 * Return the inherited entries.
	 * @return the inherited entries
	 */
	public List<AccessEntry> inheritedEntries() {
		return this.entries.stream().filter(AccessEntry::inherited).toList();
	}

}
