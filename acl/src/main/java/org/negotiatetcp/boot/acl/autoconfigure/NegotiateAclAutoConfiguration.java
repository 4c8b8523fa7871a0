package org.negotiatetcp.boot.acl.autoconfigure;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.security.access.PermissionEvaluator;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.acls.AclPermissionEvaluator;
import org.springframework.security.acls.domain.SpringCacheBasedAclCache;
import org.springframework.security.acls.jdbc.BasicLookupStrategy;
import org.springframework.security.acls.model.AclCache;
import org.springframework.security.acls.model.MutableAclService;
import org.springframework.security.acls.model.Permission;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;

import org.negotiatetcp.boot.acl.AccessCheck;
import org.negotiatetcp.boot.acl.AccessEntry;
import org.negotiatetcp.boot.acl.AccessRight;
import org.negotiatetcp.boot.acl.AclSchema;
import org.negotiatetcp.boot.acl.NegotiateObjectSecurity;
import org.negotiatetcp.boot.acl.NegotiatePermissionFactory;
import org.negotiatetcp.boot.acl.NegotiateSids;
import org.negotiatetcp.boot.acl.ObjectTypeSecurity;
import org.negotiatetcp.boot.acl.ObjectTypes;
import org.negotiatetcp.boot.acl.OwnerRules;
import org.negotiatetcp.boot.acl.PortableJdbcMutableAclService;

/**
 * Object security on Spring Security ACL, when {@code spring-security-acl} is on the class path: a
 * {@link NegotiateObjectSecurity}, a {@code JdbcMutableAclService} with an ACL cache, and method security's
 * {@code hasPermission(...)} answered from it with the client's SIDs ({@link NegotiateSids}) and {@link AccessCheck}.
 * <p>
 * The ACLs go to the database of {@code negotiate.tcp.acl.datasource.url}, else to the application's
 * {@code DataSource} bean, else to an embedded in-memory H2 database (gone when the application stops). The schema
 * is created in an in-memory database (such as the one Spring Boot makes when H2 is on the class path), and in
 * another one with {@code negotiate.tcp.acl.initialize-schema=always}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.negotiatetcp.boot.autoconfigure.NegotiateSecurityAutoConfiguration" })
@ConditionalOnClass({ MutableAclService.class, Authentication.class, JdbcTemplate.class })
@ConditionalOnBooleanProperty(name = "negotiate.tcp.acl.enabled", matchIfMissing = true)
@EnableConfigurationProperties(NegotiateAclProperties.class)
public final class NegotiateAclAutoConfiguration {

	private static final Log logger = LogFactory.getLog(NegotiateAclAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	NegotiatePermissionFactory negotiatePermissionFactory() {
		return new NegotiatePermissionFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	ObjectTypes negotiateObjectTypes(NegotiateAclProperties properties, NegotiatePermissionFactory permissions) {
		List<ObjectTypeSecurity> types = new ArrayList<>();
		properties.getObjectTypes().forEach((name, type) -> types.add(objectType(name, type, permissions)));
		return new ObjectTypes(types);
	}

	@Bean
	@ConditionalOnMissingBean
	NegotiateSids negotiateSids() {
		return new NegotiateSids();
	}

	@Bean
	@ConditionalOnMissingBean
	AccessCheck negotiateAccessCheck() {
		return new AccessCheck();
	}

	@Bean
	@ConditionalOnMissingBean
	OwnerRules negotiateOwnerRules(ObjectTypes types, NegotiateSids sids, AccessCheck accessCheck) {
		return new OwnerRules(types, sids, accessCheck);
	}

	@Bean
	AclDatabase negotiateAclDatabase(NegotiateAclProperties properties, ObjectProvider<DataSource> applicationDataSource) {
		NegotiateAclProperties.Datasource own = properties.getDatasource();
		DataSource dataSource;
		EmbeddedDatabase embedded = null;
		String description;
		if (own.getUrl() != null) {
			dataSource = new DriverManagerDataSource(own.getUrl(), nullToEmpty(own.getUsername()),
					nullToEmpty(own.getPassword()));
			description = own.getUrl() + " (negotiate.tcp.acl.datasource.url)";
		}
		else {
			// getIfAvailable: two DataSources without a @Primary one fail here, naming both
			DataSource application = applicationDataSource.getIfAvailable();
			if (application != null) {
				dataSource = application;
				description = "the application's DataSource";
			}
			else {
				embedded = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
					.setName("negotiate-acl-" + UUID.randomUUID())
					.build();
				dataSource = embedded;
				description = "an embedded in-memory H2 database (set negotiate.tcp.acl.datasource.url or define a "
						+ "DataSource to keep ACLs across restarts)";
			}
		}
		NegotiateAclProperties.SchemaInitialization mode = properties.getInitializeSchema();
		boolean create = mode == NegotiateAclProperties.SchemaInitialization.ALWAYS
				|| (mode == NegotiateAclProperties.SchemaInitialization.EMBEDDED
						&& (embedded != null || AclSchema.inMemory(dataSource)));
		AclSchema.ensure(dataSource, create, "negotiate.tcp.acl.initialize-schema");
		logger.info("Object ACLs are stored in " + description);
		return new AclDatabase(dataSource, embedded);
	}

	@Bean
	@ConditionalOnMissingBean
	AclCache negotiateAclCache(NegotiateAclProperties properties, AccessCheck accessCheck, OwnerRules rules) {
		return new SpringCacheBasedAclCache(new ConcurrentMapCache(properties.getCacheName()), accessCheck, rules);
	}

	@Bean
	@ConditionalOnMissingBean
	MutableAclService negotiateAclService(AclDatabase database, AclCache cache, AccessCheck accessCheck,
			OwnerRules rules, NegotiatePermissionFactory permissions) {
		BasicLookupStrategy lookup = new BasicLookupStrategy(database.dataSource(), cache, rules, accessCheck);
		lookup.setPermissionFactory(permissions);
		lookup.setAclClassIdSupported(true);
		return new PortableJdbcMutableAclService(database.dataSource(), lookup, cache);
	}

	@Bean
	@ConditionalOnMissingBean
	NegotiateObjectSecurity negotiateObjectSecurity(MutableAclService acls, ObjectTypes types, NegotiateSids sids,
			AccessCheck accessCheck, OwnerRules rules, AclDatabase database) {
		TransactionTemplate transactions = new TransactionTemplate(
				new DataSourceTransactionManager(database.dataSource()));
		return new NegotiateObjectSecurity(acls, types, sids, accessCheck, rules, transactions);
	}

	@Bean
	@ConditionalOnMissingBean(PermissionEvaluator.class)
	AclPermissionEvaluator negotiateAclPermissionEvaluator(MutableAclService acls, NegotiateSids sids,
			NegotiatePermissionFactory permissions) {
		AclPermissionEvaluator evaluator = new AclPermissionEvaluator(acls);
		evaluator.setSidRetrievalStrategy(sids);
		evaluator.setPermissionFactory(permissions);
		return evaluator;
	}

	/**
	 * Method security's expression handler with the ACL permission evaluator, looked up at the first check (so that
	 * the ACL store is not created while post-processors are).
	 * @param evaluator the permission evaluator
	 * @return the handler
	 */
	@Bean
	@ConditionalOnMissingBean
	static MethodSecurityExpressionHandler negotiateAclMethodSecurityExpressionHandler(
			ObjectProvider<PermissionEvaluator> evaluator) {
		DefaultMethodSecurityExpressionHandler handler = new DefaultMethodSecurityExpressionHandler();
		handler.setPermissionEvaluator(new PermissionEvaluator() {

			@Override
			public boolean hasPermission(Authentication authentication, Object target, Object permission) {
				return evaluator.getObject().hasPermission(authentication, target, permission);
			}

			@Override
			public boolean hasPermission(Authentication authentication, Serializable targetId, String targetType,
					Object permission) {
				return evaluator.getObject().hasPermission(authentication, targetId, targetType, permission);
			}

		});
		return handler;
	}

	private static ObjectTypeSecurity objectType(String name, NegotiateAclProperties.ObjectType type,
			NegotiatePermissionFactory permissions) {
		ObjectTypeSecurity security = ObjectTypeSecurity.defaults(name);
		String prefix = "negotiate.tcp.acl.object-types." + name;
		for (Map.Entry<AccessRight, List<String>> mapping : type.getRights().entrySet()) {
			List<Permission> mapped = new ArrayList<>();
			for (String permission : mapping.getValue()) {
				try {
					mapped.add(permissions.buildFromName(permission.trim()));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalStateException(prefix + ".rights." + mapping.getKey() + ": unknown permission '"
							+ permission + "'; use READ, WRITE, CREATE, DELETE, ADMINISTRATION, TAKE_OWNERSHIP or "
							+ "READ_CONTROL", ex);
				}
			}
			security = security.withMapping(mapping.getKey(), mapped.toArray(new Permission[0]));
		}
		if (type.getCreator() != null) {
			security = security.withCreatorRights(type.getCreator());
		}
		for (int i = 0; i < type.getEntries().size(); i++) {
			NegotiateAclProperties.Entry entry = type.getEntries().get(i);
			String where = prefix + ".entries[" + i + "]";
			if (entry.getSid() == null || entry.getRights().isEmpty()) {
				throw new IllegalStateException(where + " needs a sid and rights, for example sid: everyone, "
						+ "rights: read");
			}
			security = security.withDefaultEntry(new AccessEntry(NegotiateSids.parse(entry.getSid()),
					security.rights(entry.getRights()), !entry.isDeny(), entry.isInheritable(), false));
		}
		return security;
	}

	private static String nullToEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	/**
	 * The ACL store's database; an embedded one is shut down with the application.
	 * @param dataSource the database
	 * @param embedded the embedded database, if it is one
	 */
	record AclDatabase(DataSource dataSource, @Nullable EmbeddedDatabase embedded) implements AutoCloseable {

		@Override
		public void close() {
			if (this.embedded != null) {
				this.embedded.shutdown();
			}
		}

	}

}
