package org.negotiatetcp.boot.acl;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.acls.jdbc.JdbcMutableAclService;
import org.springframework.security.acls.jdbc.LookupStrategy;
import org.springframework.security.acls.model.AclCache;

/**
 * Spring Security ACL's {@link JdbcMutableAclService} without a database-specific identity query: a new
 * {@code acl_sid} or {@code acl_class} row's key is read back by its unique columns, which works on every database
 * (H2 2 has no {@code identity()}, PostgreSQL needs {@code currval(...)}). Object identifiers are stored with their
 * type ({@code acl_class.class_id_type}), so any identifier type survives a restart.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class PortableJdbcMutableAclService extends JdbcMutableAclService {

	private final JdbcTemplate jdbc;

	/**
	 * Create the service.
	 * @param dataSource the database, with the ACL schema
	 * @param lookupStrategy the lookup strategy
	 * @param aclCache the cache
	 */
	public PortableJdbcMutableAclService(DataSource dataSource, LookupStrategy lookupStrategy, AclCache aclCache) {
		super(dataSource, lookupStrategy, aclCache);
		this.jdbc = new JdbcTemplate(dataSource);
		setAclClassIdSupported(true);
	}

	@Override
	protected @Nullable Long createOrRetrieveSidPrimaryKey(String sidName, boolean sidIsPrincipal,
			boolean allowCreate) {
		Long key = super.createOrRetrieveSidPrimaryKey(sidName, sidIsPrincipal, false);
		if (key != null || !allowCreate) {
			return key;
		}
		this.jdbc.update("insert into acl_sid (principal, sid) values (?, ?)", sidIsPrincipal, sidName);
		return super.createOrRetrieveSidPrimaryKey(sidName, sidIsPrincipal, false);
	}

	@Override
	@SuppressWarnings("rawtypes")
	protected @Nullable Long createOrRetrieveClassPrimaryKey(String type, boolean allowCreate, Class idType) {
		Long key = super.createOrRetrieveClassPrimaryKey(type, false, idType);
		if (key != null || !allowCreate) {
			return key;
		}
		this.jdbc.update("insert into acl_class (class, class_id_type) values (?, ?)", type, idType.getCanonicalName());
		return super.createOrRetrieveClassPrimaryKey(type, false, idType);
	}

}
