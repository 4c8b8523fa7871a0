package org.negotiatetcp.boot.acl.autoconfigure;

import java.nio.file.Path;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.acls.domain.ObjectIdentityImpl;
import org.springframework.security.acls.domain.PrincipalSid;
import org.springframework.security.acls.model.AclCache;
import org.springframework.security.acls.model.NotFoundException;
import org.springframework.security.acls.model.ObjectIdentity;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.acls.model.MutableAclService;

import org.negotiatetcp.boot.acl.AccessRight;
import org.negotiatetcp.boot.acl.NegotiateObjectSecurity;
import org.negotiatetcp.boot.acl.NegotiatePermission;
import org.negotiatetcp.boot.acl.NegotiateSids;
import org.negotiatetcp.boot.acl.ObjectTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configuration: on only with {@code spring-security-acl}, the store's database and schema, and the object
 * types from {@code negotiate.tcp.acl.object-types}; mistakes stop startup naming the property.
 */
class NegotiateAclAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NegotiateAclAutoConfiguration.class));

	@Test
	void embeddedH2StoreWithSchemaAndCacheByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(NegotiateObjectSecurity.class)
				.hasSingleBean(MutableAclService.class)
				.hasSingleBean(AclCache.class)
				.hasSingleBean(MethodSecurityExpressionHandler.class)
				.doesNotHaveBean(DataSource.class);
			DataSource store = context.getBean(NegotiateAclAutoConfiguration.AclDatabase.class).dataSource();
			assertThat(new JdbcTemplate(store).queryForObject("select count(*) from acl_entry", Long.class)).isZero();
		});
	}

	@Test
	void theServiceStoresAclsTheCacheKeepsThem() {
		this.runner.run((context) -> {
			NegotiateObjectSecurity security = context.getBean(NegotiateObjectSecurity.class);
			ObjectIdentity order = new ObjectIdentityImpl("Order", 7L);
			SecurityContextHolder.getContext()
				.setAuthentication(new TestingAuthenticationToken("carol@EXAMPLE.COM", "", "ROLE_CLERKS"));
			try {
				assertThat(security.create("Order", 7L).owner()).isEqualTo(new PrincipalSid("carol@EXAMPLE.COM"));
				assertThat(security.accessCheck(order, AccessRight.READ, AccessRight.WRITE)).isTrue();
				assertThat(security.accessCheck(order, AccessRight.TAKE_OWNERSHIP)).isFalse();
				context.getBean(MutableAclService.class).readAclById(order);
				assertThat(context.getBean(AclCache.class).getFromCache(order)).isNotNull();
				security.destroy(order);
				assertThat(context.getBean(AclCache.class).getFromCache(order)).isNull();
				assertThatExceptionOfType(NotFoundException.class)
					.isThrownBy(() -> context.getBean(MutableAclService.class).readAclById(order));
			}
			finally {
				SecurityContextHolder.clearContext();
			}
		});
	}

	@Test
	void offWithoutSpringSecurityAcl() {
		this.runner.withClassLoader(new FilteredClassLoader(MutableAclService.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NegotiateObjectSecurity.class));
	}

	@Test
	void offWhenDisabled() {
		this.runner.withPropertyValues("negotiate.tcp.acl.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(NegotiateObjectSecurity.class));
	}

	@Test
	void theApplicationsInMemoryDatabaseGetsTheSchemaUnlessNever() {
		this.runner.withUserConfiguration(InMemoryApplicationDatabase.class).run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcTemplate application = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(application.queryForObject("select count(*) from acl_class", Long.class)).isZero();
		});
		this.runner.withUserConfiguration(InMemoryApplicationDatabase.class)
			.withPropertyValues("negotiate.tcp.acl.initialize-schema=never")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("The ACL schema (tables acl_sid, acl_class, acl_object_identity, acl_entry) is "
						+ "missing in the H2 database")
				.hasMessageContaining("set negotiate.tcp.acl.initialize-schema=always"));
	}

	@Test
	void anotherDatabaseGetsTheSchemaOnlyWithAlways(@TempDir Path directory) {
		String url = "jdbc:h2:file:" + directory.resolve("application");
		this.runner.withBean(DataSource.class, () -> new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", ""))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("is missing in the H2 database")
				.hasMessageContaining("set negotiate.tcp.acl.initialize-schema=always"));
		this.runner.withBean(DataSource.class, () -> new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", ""))
			.withPropertyValues("negotiate.tcp.acl.initialize-schema=always")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate application = new JdbcTemplate(context.getBean(DataSource.class));
				assertThat(application.queryForObject("select count(*) from acl_sid", Long.class)).isZero();
			});
	}

	@Test
	void anObjectTypesMappingCreatorRightsAndEntriesComeFromProperties() {
		this.runner
			.withPropertyValues("negotiate.tcp.acl.object-types.Invoice.rights.read=READ, READ_CONTROL",
					"negotiate.tcp.acl.object-types.Invoice.rights.take-ownership=ADMINISTRATION",
					"negotiate.tcp.acl.object-types.Invoice.creator=read",
					"negotiate.tcp.acl.object-types.Invoice.entries[0].sid=ROLE_AUDITORS",
					"negotiate.tcp.acl.object-types.Invoice.entries[0].rights=read",
					"negotiate.tcp.acl.object-types.Invoice.entries[0].inheritable=true",
					"negotiate.tcp.acl.object-types.Invoice.entries[1].sid=everyone",
					"negotiate.tcp.acl.object-types.Invoice.entries[1].rights=write, delete",
					"negotiate.tcp.acl.object-types.Invoice.entries[1].deny=true")
			.run((context) -> {
				var invoice = context.getBean(ObjectTypes.class).get("Invoice");
				int read = 1 | NegotiatePermission.READ_CONTROL.getMask();
				assertThat(invoice.rights(AccessRight.READ)).isEqualTo(read);
				assertThat(invoice.rights(AccessRight.TAKE_OWNERSHIP)).isEqualTo(16);
				assertThat(invoice.creatorRights()).containsExactly(AccessRight.READ);
				assertThat(invoice.defaultEntries()).extracting(Object::toString)
					.containsExactly("allow ROLE_AUDITORS " + Integer.toBinaryString(read) + " inheritable",
							"deny everyone 1010");
				assertThat(context.getBean(ObjectTypes.class).get("Order").rights(AccessRight.READ)).isEqualTo(1);
				assertThat(NegotiateSids.parse("everyone")).isEqualTo(NegotiateSids.EVERYONE);
			});
	}

	@Test
	void anUnknownPermissionNameStopsStartupNamingTheProperty() {
		this.runner.withPropertyValues("negotiate.tcp.acl.object-types.Invoice.rights.read=READS")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("negotiate.tcp.acl.object-types.Invoice.rights.READ: unknown permission 'READS'"));
	}

	@Test
	void aDatabaseOfTheAclsOwnTakesPrecedenceOverTheApplications(@TempDir Path directory) {
		String url = "jdbc:h2:file:" + directory.resolve("acl");
		this.runner.withUserConfiguration(InMemoryApplicationDatabase.class)
			.withPropertyValues("negotiate.tcp.acl.datasource.url=" + url, "negotiate.tcp.acl.datasource.username=sa",
					"negotiate.tcp.acl.initialize-schema=always")
			.run((context) -> {
				DataSource store = context.getBean(NegotiateAclAutoConfiguration.AclDatabase.class).dataSource();
				assertThat(store).isNotSameAs(context.getBean(DataSource.class));
				try (var connection = store.getConnection()) {
					assertThat(connection.getMetaData().getURL()).isEqualTo(url);
				}
				assertThat(new JdbcTemplate(store).queryForObject("select count(*) from acl_sid", Long.class)).isZero();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class InMemoryApplicationDatabase {

		@Bean(destroyMethod = "shutdown")
		DataSource dataSource() {
			return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
				.setName("application-" + UUID.randomUUID())
				.build();
		}

	}

}
