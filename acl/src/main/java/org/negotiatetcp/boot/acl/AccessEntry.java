package org.negotiatetcp.boot.acl;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.springframework.security.acls.model.AccessControlEntry;
import org.springframework.security.acls.model.Sid;

/**
 * One access control entry ({@code ACCESS_ALLOWED_ACE} or {@code ACCESS_DENIED_ACE}): who, which rights (a Spring
 * Security ACL permission mask, possibly several bits), allow or deny, and its inheritance flags.
 *
 * @param sid who the entry applies to
 * @param rights the permission bits ({@link AccessMask#RIGHTS})
 * @param granting {@code true} to allow, {@code false} to deny
 * @param inheritable whether objects created under this one inherit it
 * @param inherited whether it was inherited from the parent
 * @author Negotiate TCP
 * @since 0.1.0
 */
public record AccessEntry(Sid sid, int rights, boolean granting, boolean inheritable, boolean inherited) {

	/**
	 * Windows' canonical order: explicit deny, explicit allow, inherited deny, inherited allow; the order within each
	 * group is kept.
	 */
	public static final Comparator<AccessEntry> CANONICAL_ORDER = Comparator
		.comparingInt((AccessEntry entry) -> (entry.inherited() ? 2 : 0) + (entry.granting() ? 1 : 0));

	public AccessEntry {
		Objects.requireNonNull(sid, "sid");
		if (rights == 0 || (rights & ~AccessMask.RIGHTS) != 0) {
			throw new IllegalArgumentException("An entry needs rights in bits 0-27, got " + Integer.toBinaryString(rights));
		}
	}

	/**
	 * An explicit entry that allows.
	 * @param sid who
	 * @param rights the permission bits
	 * @return the entry
	 */
	public static AccessEntry allow(Sid sid, int rights) {
		return new AccessEntry(sid, rights, true, false, false);
	}

	/**
	 * An explicit entry that denies.
	 * @param sid who
	 * @param rights the permission bits
	 * @return the entry
	 */
	public static AccessEntry deny(Sid sid, int rights) {
		return new AccessEntry(sid, rights, false, false, false);
	}

	/**
	 * Return this entry, inheritable by objects created under this one.
	 * @return the inheritable entry
	 */
	public AccessEntry asInheritable() {
		return new AccessEntry(this.sid, this.rights, this.granting, true, this.inherited);
	}

	/**
	 * Return the entry as a child inherits it: flagged inherited, {@link NegotiateSids#CREATOR_OWNER} replaced by the
	 * child's owner.
	 * @param owner the child's owner
	 * @return the inherited entry
	 */
	AccessEntry inheritedBy(Sid owner) {
		Sid subject = this.sid.equals(NegotiateSids.CREATOR_OWNER) ? owner : this.sid;
		return new AccessEntry(subject, this.rights, this.granting, this.inheritable, true);
	}

	/**
	 * Return the stored mask: rights and flags.
	 * @return the mask
	 */
	public AccessMask mask() {
		return new AccessMask(this.rights | (this.inheritable ? AccessMask.INHERITABLE : 0)
				| (this.inherited ? AccessMask.INHERITED : 0));
	}

	/**
	 * Read a stored entry.
	 * @param ace the Spring Security ACL entry
	 * @return the entry
	 */
	public static AccessEntry of(AccessControlEntry ace) {
		AccessMask mask = new AccessMask(ace.getPermission().getMask());
		return new AccessEntry(ace.getSid(), mask.rights(), ace.isGranting(), mask.inheritable(), mask.inherited());
	}

	/**
	 * Sort entries into {@link #CANONICAL_ORDER}.
	 * @param entries the entries
	 * @return the canonical list
	 */
	public static List<AccessEntry> canonical(List<AccessEntry> entries) {
		return entries.stream().sorted(CANONICAL_ORDER).toList();
	}

	@Override
	public String toString() {
		return (this.granting ? "allow " : "deny ") + NegotiateSids.format(this.sid) + " "
				+ Integer.toBinaryString(this.rights) + (this.inheritable ? " inheritable" : "")
				+ (this.inherited ? " inherited" : "");
	}

}
