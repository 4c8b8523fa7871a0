package org.negotiatetcp.boot.acl.autoconfigure;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import org.negotiatetcp.boot.acl.AccessRight;

/**
 * Object security on Spring Security ACL ({@code negotiate.tcp.acl.*}).
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@ConfigurationProperties("negotiate.tcp.acl")
public class NegotiateAclProperties {

	/**
	 * Whether object security is configured (when spring-security-acl is on the class path).
	 */
	private boolean enabled = true;

	/**
	 * When to create the ACL schema if it is missing: embedded (only in an in-memory database), always (in any
	 * database with a script: H2, HSQLDB, PostgreSQL) or never (a missing schema stops startup).
	 */
	private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

	/**
	 * Name of the ACL cache (a ConcurrentMapCache) unless the application defines an AclCache bean.
	 */
	private String cacheName = "negotiate-tcp-acl";

	private final Datasource datasource = new Datasource();

	/**
	 * Security per object type (the ObjectIdentity type, for example Order): generic mapping, creator rights and
	 * default entries. Types not listed get the defaults.
	 */
	private Map<String, ObjectType> objectTypes = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public SchemaInitialization getInitializeSchema() {
		return this.initializeSchema;
	}

	public void setInitializeSchema(SchemaInitialization initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

	public String getCacheName() {
		return this.cacheName;
	}

	public void setCacheName(String cacheName) {
		this.cacheName = cacheName;
	}

	public Datasource getDatasource() {
		return this.datasource;
	}

	public Map<String, ObjectType> getObjectTypes() {
		return this.objectTypes;
	}

	public void setObjectTypes(Map<String, ObjectType> objectTypes) {
		this.objectTypes = objectTypes;
	}

	/**
	 * When the ACL schema is created.
	 */
	public enum SchemaInitialization {

		/**
		 * Only in an in-memory database (H2, HSQLDB, Derby).
		 */
		EMBEDDED,

		/**
		 * In any database, when missing.
		 */
		ALWAYS,

		/**
		 * Never: a missing schema stops startup.
		 */
		NEVER

	}

	/**
	 * A database of the ACLs' own. Without a URL the ACLs go to the application's DataSource bean, or without one to
	 * an embedded in-memory H2 database.
	 */
	public static class Datasource {

		/**
		 * JDBC URL of the ACL database, for example jdbc:postgresql://db:5432/acl.
		 */
		private @Nullable String url;

		/**
		 * User of the ACL database.
		 */
		private @Nullable String username;

		/**
		 * Password of the ACL database.
		 */
		private @Nullable String password;

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

	}

	/**
	 * The security of one object type.
	 */
	public static class ObjectType {

		/**
		 * Generic mapping: the Spring Security ACL permission names (READ, WRITE, CREATE, DELETE, ADMINISTRATION,
		 * TAKE_OWNERSHIP, READ_CONTROL) each generic right means for this type.
		 */
		private Map<AccessRight, List<String>> rights = new EnumMap<>(AccessRight.class);

		/**
		 * Rights the creator gets (default: read, write, delete, change-permissions); empty for none.
		 */
		private @Nullable Set<AccessRight> creator;

		/**
		 * Entries every new object of the type carries.
		 */
		private List<Entry> entries = new ArrayList<>();

		public Map<AccessRight, List<String>> getRights() {
			return this.rights;
		}

		public void setRights(Map<AccessRight, List<String>> rights) {
			this.rights = rights;
		}

		public @Nullable Set<AccessRight> getCreator() {
			return this.creator;
		}

		public void setCreator(@Nullable Set<AccessRight> creator) {
			this.creator = creator;
		}

		public List<Entry> getEntries() {
			return this.entries;
		}

		public void setEntries(List<Entry> entries) {
			this.entries = entries;
		}

	}

	/**
	 * A default entry.
	 */
	public static class Entry {

		/**
		 * Who: everyone, authenticated-users, creator-owner (in inheritable entries: the creator of each object
		 * created under this one), principal:NAME, or an authority such as ROLE_AUDITORS.
		 */
		private @Nullable String sid;

		/**
		 * The generic rights.
		 */
		private Set<AccessRight> rights = Set.of();

		/**
		 * Whether the entry denies the rights (it allows them otherwise).
		 */
		private boolean deny;

		/**
		 * Whether objects created under this one inherit the entry.
		 */
		private boolean inheritable;

		public @Nullable String getSid() {
			return this.sid;
		}

		public void setSid(@Nullable String sid) {
			this.sid = sid;
		}

		public Set<AccessRight> getRights() {
			return this.rights;
		}

		public void setRights(Set<AccessRight> rights) {
			this.rights = rights;
		}

		public boolean isDeny() {
			return this.deny;
		}

		public void setDeny(boolean deny) {
			this.deny = deny;
		}

		public boolean isInheritable() {
			return this.inheritable;
		}

		public void setInheritable(boolean inheritable) {
			this.inheritable = inheritable;
		}

	}

}
