package org.negotiatetcp.boot.test.kerberos;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import org.negotiatetcp.boot.autoconfigure.NegotiateCredentialsProperties;
import org.negotiatetcp.test.kdc.EmbeddedKdc;
import org.negotiatetcp.test.kdc.RealmSetup;

/**
 * The work of {@link DevelopmentKdcConfiguration}: reads the application's credentials, starts the realm, adds the
 * {@code developmentKdc} property source and registers the {@link KerberosRealm}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class DevelopmentKdc implements BeanFactoryPostProcessor, Ordered {

	/**
	 * The name of the property source with the realm's {@code negotiate.tcp.*} properties.
	 */
	public static final String PROPERTY_SOURCE_NAME = "developmentKdc";

	private static final String PREFIX = "negotiate.tcp.dev-kdc.";

	private static final Log logger = LogFactory.getLog(DevelopmentKdc.class);

	private final ConfigurableEnvironment environment;

	DevelopmentKdc(ConfigurableEnvironment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		Binder binder = Binder.get(this.environment);
		String realm = binder.bind(PREFIX + "realm", String.class).orElse(EmbeddedKdc.DEFAULT_REALM);
		List<String> users = binder.bind(PREFIX + "users", Bindable.listOf(String.class)).orElse(List.of("alice"));
		List<String> services = binder.bind(PREFIX + "services", Bindable.listOf(String.class))
			.orElse(List.of("host/localhost"));
		Map<String, NegotiateCredentialsProperties.Credential> configured = binder
			.bind("negotiate.tcp.credentials",
					Bindable.mapOf(String.class, NegotiateCredentialsProperties.Credential.class))
			.orElse(Map.of());
		Plan plan = new Plan(realm.toUpperCase(Locale.ROOT));
		configured.forEach(plan::credential);
		users.forEach(plan::user);
		services.forEach(plan::service);
		EmbeddedKdc kdc = plan.setup.start();
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean("developmentKdcServer", kdc::close);
		}
		Map<String, Object> properties = plan.properties(kdc);
		if (!services.isEmpty() && !this.environment.containsProperty("negotiate.tcp.server.credential")) {
			properties.put("negotiate.tcp.server.credential", KerberosRealm.credentialName(services.get(0)));
		}
		this.environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		KerberosRealm description = plan.describe(kdc, services);
		beanFactory.registerSingleton("developmentKdcRealm", description);
		logger.info("Development KDC for realm " + kdc.realm() + " at " + kdc.host() + ":" + kdc.port()
				+ " (krb5.conf " + kdc.krb5Conf() + "); credentials " + plan.credentials.keySet() + ", keytabs in "
				+ kdc.directory() + ". Development only.");
	}

	/**
	 * The principals to create and the credentials they become.
	 */
	private static final class Plan {

		private final String realm;

		private RealmSetup setup;

		/** principal (without realm) by credential name. */
		private final Map<String, String> credentials = new LinkedHashMap<>();

		/** password by credential name, for those with one. */
		private final Map<String, String> passwords = new LinkedHashMap<>();

		Plan(String realm) {
			this.realm = realm;
			this.setup = RealmSetup.of(realm);
		}

		void credential(String name, NegotiateCredentialsProperties.Credential credential) {
			String principal = credential.getPrincipal();
			if (principal == null || principal.equals("*") || credential.isAnonymous()
					|| credential.getTicketCache() != null) {
				return;
			}
			add(name, shortName(principal), credential.getPassword());
		}

		void user(String user) {
			int colon = user.indexOf(':');
			String name = (colon >= 0) ? user.substring(0, colon) : user;
			addIfAbsent(KerberosRealm.credentialName(name), name, (colon >= 0) ? user.substring(colon + 1) : null);
		}

		void service(String service) {
			addIfAbsent(KerberosRealm.credentialName(service), service, null);
		}

		private void addIfAbsent(String credential, String principal, @Nullable String password) {
			if (!this.credentials.containsKey(credential)) {
				add(credential, principal, password);
			}
		}

		private void add(String credential, String principal, @Nullable String password) {
			if (this.credentials.containsValue(principal) || this.setup.users().containsKey(principal)) {
				// a principal exists once; a second credential for it gets its keys too
				if (password == null) {
					this.setup = this.setup.withKeytab(credential + ".keytab", principal);
				}
				else {
					this.passwords.put(credential, password);
				}
			}
			else if (password != null) {
				this.setup = this.setup.withUser(principal, password);
				this.passwords.put(credential, password);
			}
			else {
				this.setup = this.setup.withKeytab(credential + ".keytab", principal);
			}
			this.credentials.put(credential, principal);
		}

		Map<String, Object> properties(EmbeddedKdc kdc) {
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("negotiate.tcp.kerberos.krb5-conf", kdc.krb5Conf().toString());
			this.credentials.forEach((name, principal) -> {
				String prefix = "negotiate.tcp.credentials." + name + ".";
				properties.put(prefix + "principal", kdc.principal(principal));
				// the secret the application configured is replaced by the same kind: a keytab, or the password
				String password = this.passwords.get(name);
				if (password != null) {
					properties.put(prefix + "password", password);
				}
				else {
					properties.put(prefix + "keytab", kdc.file(name + ".keytab").toString());
				}
			});
			return properties;
		}

		KerberosRealm describe(EmbeddedKdc kdc, List<String> services) {
			Map<String, Path> keytabs = new LinkedHashMap<>();
			Map<String, String> userPasswords = new LinkedHashMap<>();
			this.credentials.forEach((name, principal) -> {
				String password = this.passwords.get(name);
				if (password != null) {
					userPasswords.putIfAbsent(principal, password);
				}
				else {
					keytabs.putIfAbsent(principal, kdc.file(name + ".keytab"));
				}
			});
			String server = services.isEmpty() ? null : services.get(0);
			String client = this.credentials.values()
				.stream()
				.filter((principal) -> !principal.contains("/"))
				.findFirst()
				.orElse(null);
			return new KerberosRealm(this.realm, kdc.host(), kdc.port(), kdc.krb5Conf(), keytabs, userPasswords,
					server, client);
		}

		private static String shortName(String principal) {
			int at = principal.indexOf('@');
			String name = (at >= 0) ? principal.substring(0, at) : principal;
			int backslash = name.indexOf('\\');
			return (backslash >= 0) ? name.substring(backslash + 1) : name;
		}

	}

}
