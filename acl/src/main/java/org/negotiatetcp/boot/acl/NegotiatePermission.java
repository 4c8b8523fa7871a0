package org.negotiatetcp.boot.acl;

import org.springframework.security.acls.domain.BasePermission;
import org.springframework.security.acls.model.Permission;

/**
 * Spring Security ACL's {@link BasePermission}s ({@code READ}, {@code WRITE}, {@code CREATE}, {@code DELETE},
 * {@code ADMINISTRATION}) plus {@link #TAKE_OWNERSHIP} and {@link #READ_CONTROL}, the standard rights of a Windows
 * security descriptor that Spring has no name for. {@code hasPermission(..., 'TAKE_OWNERSHIP')} resolves them.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiatePermission extends BasePermission {

	/**
	 * Make oneself the owner ({@code WRITE_OWNER}): bit 5.
	 */
	public static final Permission TAKE_OWNERSHIP = new NegotiatePermission(1 << 5, 'O');

	/**
	 * Read the ACL without reading the object ({@code READ_CONTROL}): bit 6.
	 */
	public static final Permission READ_CONTROL = new NegotiatePermission(1 << 6, 'C');

	/**
	 * Create a permission.
	 * @param mask its bit
	 * @param code its one-character code in {@link #getPattern()}
	 */
	protected NegotiatePermission(int mask, char code) {
		super(mask, code);
	}

}
