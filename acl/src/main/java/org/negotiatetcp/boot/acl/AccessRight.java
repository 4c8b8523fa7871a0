package org.negotiatetcp.boot.acl;

/**
 * The generic rights an object type maps onto Spring Security ACL permissions, as Windows' {@code GENERIC_MAPPING}
 * maps generic rights onto an object type's specific rights ({@code MapGenericMask}).
 *
 * @author Negotiate TCP
 * @since 0.1.0
 * @see ObjectTypeSecurity
 */
public enum AccessRight {

	/**
	 * Read the object, and its ACL ({@code GENERIC_READ}, which includes {@code READ_CONTROL}).
	 */
	READ,

	/**
	 * Change the object ({@code GENERIC_WRITE}).
	 */
	WRITE,

	/**
	 * Delete the object ({@code DELETE}).
	 */
	DELETE,

	/**
	 * Change the object's ACL ({@code WRITE_DAC}); the owner has it implicitly.
	 */
	CHANGE_PERMISSIONS,

	/**
	 * Make oneself the object's owner ({@code WRITE_OWNER}).
	 */
	TAKE_OWNERSHIP

}
