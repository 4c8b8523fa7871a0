package org.negotiatetcp.boot.acl;

import org.springframework.security.acls.domain.AclFormattingUtils;
import org.springframework.security.acls.model.Permission;

/**
 * The mask of one stored entry, as it is: rights in the low bits, the entry's inheritance flags in
 * {@link #INHERITABLE} and {@link #INHERITED} (the {@code ACE_HEADER} flags {@code OBJECT_INHERIT_ACE |
 * CONTAINER_INHERIT_ACE} and {@code INHERITED_ACE}), persisted in {@code acl_entry.mask}.
 *
 * @param mask the rights and flags
 * @author Negotiate TCP
 * @since 0.1.0
 */
public record AccessMask(int mask) implements Permission {

	/**
	 * Flag: objects created under this one inherit the entry.
	 */
	public static final int INHERITABLE = 1 << 29;

	/**
	 * Flag: the entry was inherited from the parent when the object was created.
	 */
	public static final int INHERITED = 1 << 28;

	/**
	 * The bits that are rights, not flags.
	 */
	public static final int RIGHTS = INHERITED - 1;

	/**
	 * Return the rights without the flags.
	 * @return the rights
	 */
	public int rights() {
		return this.mask & RIGHTS;
	}

	/**
	 * Whether the entry is inherited by objects created under this one.
	 * @return {@code true} if inheritable
	 */
	public boolean inheritable() {
		return (this.mask & INHERITABLE) != 0;
	}

	/**
	 * Whether the entry was inherited from the parent.
	 * @return {@code true} if inherited
	 */
	public boolean inherited() {
		return (this.mask & INHERITED) != 0;
	}

	@Override
	public int getMask() {
		return this.mask;
	}

	@Override
	public String getPattern() {
		return AclFormattingUtils.printBinary(this.mask);
	}

}
