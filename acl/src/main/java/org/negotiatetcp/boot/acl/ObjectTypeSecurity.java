package org.negotiatetcp.boot.acl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.security.acls.domain.BasePermission;
import org.springframework.security.acls.model.Permission;
import org.springframework.security.acls.model.Sid;

/**
 * The security of one object type (the {@code ObjectIdentity} type, {@code Order}): its generic mapping of
 * {@link AccessRight}s onto Spring Security ACL permissions (Windows' {@code GENERIC_MAPPING}), the rights its creator
 * gets, and the default entries every new object of the type carries (together, the creator descriptor of
 * {@code CreatePrivateObjectSecurity}). Immutable; the {@code with...} methods return copies.
 * <p>
 * The default mapping: {@code READ} to {@code READ}, {@code WRITE} to {@code WRITE}, {@code DELETE} to {@code DELETE},
 * {@code CHANGE_PERMISSIONS} to {@code ADMINISTRATION}, {@code TAKE_OWNERSHIP} to
 * {@link NegotiatePermission#TAKE_OWNERSHIP}; the creator gets {@code READ}, {@code WRITE}, {@code DELETE} and
 * {@code CHANGE_PERMISSIONS} (not {@code TAKE_OWNERSHIP}: it owns the object already); no default entries.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class ObjectTypeSecurity {

	private final String type;

	private final Map<AccessRight, Integer> mapping;

	private final Set<AccessRight> creatorRights;

	private final List<AccessEntry> defaultEntries;

	private ObjectTypeSecurity(String type, Map<AccessRight, Integer> mapping, Set<AccessRight> creatorRights,
			List<AccessEntry> defaultEntries) {
		this.type = type;
		this.mapping = Collections.unmodifiableMap(new EnumMap<>(mapping));
		this.creatorRights = Collections.unmodifiableSet(creatorRights.isEmpty() ? EnumSet.noneOf(AccessRight.class)
				: EnumSet.copyOf(creatorRights));
		this.defaultEntries = List.copyOf(defaultEntries);
	}

	/**
	 * Return a type's security with the default mapping and creator rights and no default entries.
	 * @param type the object type
	 * @return the type's security
	 */
	public static ObjectTypeSecurity defaults(String type) {
		Objects.requireNonNull(type, "type");
		Map<AccessRight, Integer> mapping = new EnumMap<>(AccessRight.class);
		mapping.put(AccessRight.READ, BasePermission.READ.getMask());
		mapping.put(AccessRight.WRITE, BasePermission.WRITE.getMask());
		mapping.put(AccessRight.DELETE, BasePermission.DELETE.getMask());
		mapping.put(AccessRight.CHANGE_PERMISSIONS, BasePermission.ADMINISTRATION.getMask());
		mapping.put(AccessRight.TAKE_OWNERSHIP, NegotiatePermission.TAKE_OWNERSHIP.getMask());
		return new ObjectTypeSecurity(type, mapping, EnumSet.of(AccessRight.READ, AccessRight.WRITE,
				AccessRight.DELETE, AccessRight.CHANGE_PERMISSIONS), List.of());
	}

	/**
	 * Return a copy that maps a right onto other permissions.
	 * @param right the generic right
	 * @param permissions the permissions it means for this type (at least one)
	 * @return the copy
	 */
	public ObjectTypeSecurity withMapping(AccessRight right, Permission... permissions) {
		if (permissions.length == 0) {
			throw new IllegalArgumentException("Map " + right + " of type " + this.type + " onto one permission at least");
		}
		int mask = 0;
		for (Permission permission : permissions) {
			mask |= permission.getMask() & AccessMask.RIGHTS;
		}
		if (mask == 0) {
			throw new IllegalArgumentException("Map " + right + " of type " + this.type + " onto permission bits 0-27");
		}
		Map<AccessRight, Integer> mapping = new EnumMap<>(this.mapping);
		mapping.put(right, mask);
		return new ObjectTypeSecurity(this.type, mapping, this.creatorRights, this.defaultEntries);
	}

	/**
	 * Return a copy whose creator gets these rights (none: the creator gets no entry, only ownership).
	 * @param rights the creator's rights
	 * @return the copy
	 */
	public ObjectTypeSecurity withCreatorRights(Set<AccessRight> rights) {
		return new ObjectTypeSecurity(this.type, this.mapping, rights, this.defaultEntries);
	}

	/**
	 * Return a copy with one more default entry, which every new object of the type carries as an explicit entry
	 * (make it {@link AccessEntry#asInheritable() inheritable} for objects created under it).
	 * @param entry the entry
	 * @return the copy
	 */
	public ObjectTypeSecurity withDefaultEntry(AccessEntry entry) {
		if (entry.inherited()) {
			throw new IllegalArgumentException("A default entry of type " + this.type + " is explicit, not inherited: "
					+ entry);
		}
		List<AccessEntry> entries = new ArrayList<>(this.defaultEntries);
		entries.add(entry);
		return new ObjectTypeSecurity(this.type, this.mapping, this.creatorRights, entries);
	}

	/**
	 * Return the type.
	 * @return the object type
	 */
	public String type() {
		return this.type;
	}

	/**
	 * Map generic rights onto this type's permission bits ({@code MapGenericMask}).
	 * @param rights the rights
	 * @return the permission bits
	 */
	public int rights(AccessRight... rights) {
		int mask = 0;
		for (AccessRight right : rights) {
			mask |= this.mapping.get(right);
		}
		return mask;
	}

	/**
	 * Map generic rights onto this type's permission bits.
	 * @param rights the rights
	 * @return the permission bits
	 */
	public int rights(Set<AccessRight> rights) {
		return rights(rights.toArray(new AccessRight[0]));
	}

	/**
	 * Return the creator's rights.
	 * @return the rights
	 */
	public Set<AccessRight> creatorRights() {
		return this.creatorRights;
	}

	/**
	 * Return the default entries.
	 * @return the entries
	 */
	public List<AccessEntry> defaultEntries() {
		return this.defaultEntries;
	}

	/**
	 * Return the explicit entries a new object gets: the creator's, then the defaults.
	 * @param owner the creator
	 * @return the entries
	 */
	List<AccessEntry> creatorEntries(Sid owner) {
		List<AccessEntry> entries = new ArrayList<>();
		if (!this.creatorRights.isEmpty()) {
			entries.add(AccessEntry.allow(owner, rights(this.creatorRights)));
		}
		entries.addAll(this.defaultEntries);
		return entries;
	}

	@Override
	public String toString() {
		return "ObjectTypeSecurity[" + this.type + ", mapping " + this.mapping + ", creator " + this.creatorRights
				+ ", defaults " + this.defaultEntries + "]";
	}

}
