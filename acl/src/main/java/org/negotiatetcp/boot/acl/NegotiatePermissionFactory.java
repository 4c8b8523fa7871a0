package org.negotiatetcp.boot.acl;

import java.util.List;

import org.springframework.security.acls.domain.DefaultPermissionFactory;
import org.springframework.security.acls.domain.PermissionFactory;
import org.springframework.security.acls.model.Permission;

/**
 * Names from {@link NegotiatePermission} ({@code READ} ... {@code ADMINISTRATION}, {@code TAKE_OWNERSHIP},
 * {@code READ_CONTROL}); masks read from the database become {@link AccessMask}s, so that entries keep their
 * inheritance flags and their combined rights.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class NegotiatePermissionFactory implements PermissionFactory {

	private final DefaultPermissionFactory names = new DefaultPermissionFactory(NegotiatePermission.class);

	@Override
	public Permission buildFromMask(int mask) {
		return new AccessMask(mask);
	}

	@Override
	public Permission buildFromName(String name) {
		return this.names.buildFromName(name);
	}

	@Override
	public List<Permission> buildFromNames(List<String> names) {
		return this.names.buildFromNames(names);
	}

}
