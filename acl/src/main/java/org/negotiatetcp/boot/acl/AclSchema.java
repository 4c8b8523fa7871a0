package org.negotiatetcp.boot.acl;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Spring Security ACL's schema in the store's database: checked, and created when missing if allowed. The scripts are
 * the ones {@code spring-security-acl} ships, with object identifier types ({@code acl_class.class_id_type}):
 * {@code createAclSchemaWithAclClassIdType.sql} for H2 and HSQLDB, {@code createAclSchemaPostgres.sql} for PostgreSQL.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class AclSchema {

	private static final Log logger = LogFactory.getLog(AclSchema.class);

	private AclSchema() {
	}

	/**
	 * Make sure the schema is there.
	 * @param dataSource the database
	 * @param create whether to create a missing schema
	 * @param property the property that allows creating it, for the failure message
	 * @throws IllegalStateException if the schema is missing and may not be created, or the database has no script
	 */
	public static void ensure(DataSource dataSource, boolean create, String property) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		if (present(jdbc)) {
			requireClassIdType(jdbc);
			return;
		}
		String database = databaseName(dataSource);
		if (!create) {
			throw new IllegalStateException("The ACL schema (tables acl_sid, acl_class, acl_object_identity, acl_entry) "
					+ "is missing in the " + database + " database; create it (spring-security-acl's "
					+ "createAclSchema*.sql with acl_class.class_id_type) or set " + property + "=always");
		}
		Resource script = script(database);
		logger.info("Creating the ACL schema in the " + database + " database from " + script.getFilename());
		new ResourceDatabasePopulator(script).execute(dataSource);
		requireClassIdType(jdbc);
	}

	/**
	 * Whether a database lives in memory (H2, HSQLDB or Derby in-memory URLs), like Spring Boot's embedded databases.
	 * @param dataSource the database
	 * @return {@code true} for an in-memory database
	 */
	public static boolean inMemory(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			String url = connection.getMetaData().getURL();
			return url != null && (url.startsWith("jdbc:h2:mem:") || url.startsWith("jdbc:hsqldb:mem:")
					|| url.startsWith("jdbc:derby:memory:"));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach the ACL database: " + ex.getMessage(), ex);
		}
	}

	private static boolean present(JdbcTemplate jdbc) {
		try {
			jdbc.queryForObject("select count(*) from acl_object_identity where 1 = 0", Long.class);
			return true;
		}
		catch (DataAccessException ex) {
			return false;
		}
	}

	private static void requireClassIdType(JdbcTemplate jdbc) {
		try {
			jdbc.queryForList("select class_id_type from acl_class where 1 = 0");
		}
		catch (DataAccessException ex) {
			throw new IllegalStateException("The ACL schema has no acl_class.class_id_type column, which "
					+ "identifiers of any type need; add it: alter table acl_class add column class_id_type "
					+ "varchar(100)", ex);
		}
	}

	private static Resource script(String database) {
		String name = switch (database.toLowerCase(Locale.ROOT)) {
			case "h2", "hsql database engine" -> "createAclSchemaWithAclClassIdType.sql";
			case "postgresql" -> "createAclSchemaPostgres.sql";
			default -> throw new IllegalStateException("No ACL schema script for the " + database + " database; "
					+ "create the schema yourself (spring-security-acl's createAclSchema*.sql, with "
					+ "acl_class.class_id_type) and set negotiate.tcp.acl.initialize-schema=never");
		};
		return new ClassPathResource(name);
	}

	private static String databaseName(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getDatabaseProductName();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach the ACL database: " + ex.getMessage(), ex);
		}
	}

}
