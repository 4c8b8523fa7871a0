package org.negotiatetcp.boot.autoconfigure;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.AuthenticationUserDetailsService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.util.ClassUtils;

import org.negotiatetcp.boot.security.NegotiateAuthenticationProvider;
import org.negotiatetcp.boot.security.NegotiateAuthenticationToken;
import org.negotiatetcp.boot.security.NegotiateSecurity;
import org.negotiatetcp.boot.security.NegotiateSecuritySessionAuthorizer;
import org.negotiatetcp.boot.security.SidAuthorityMapper;
import org.negotiatetcp.boot.security.diagnostics.SingleSecurityBean;
import org.negotiatetcp.channel.SessionAuthorizer;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the Spring Security
 * bridge of the server: a prototype {@link NegotiateSecurity} DSL whose authentication manager loads authorities from
 * the application's {@link AuthenticationUserDetailsService} or {@link UserDetailsService} (none: no authorities),
 * and, unless the application defines its own {@link SessionAuthorizer}, the default rules ({@code authenticated()}
 * on every via). Clients whose ticket carries a PAC also get the roles their group SIDs map to in
 * {@code negotiate.tcp.server.authorities.sid-map} ({@link SidAuthorityMapper}).
 * <p>
 * Client names are looked up as the handshake authenticated them ({@code alice@EXAMPLE.COM}, {@code EXAMPLE\alice}).
 * Boot's generated single-user service (what {@code spring-boot-starter-security} creates when the application has
 * none) knows none of them and is therefore ignored: the clients are authenticated without authorities. Define a
 * {@link UserDetailsService} (or an {@link AuthenticationUserDetailsService}) for your clients to give them
 * authorities, or call {@link NegotiateSecurity#authenticationManager} in your rules bean. Several of either without a
 * {@code @Primary} one stop the application at startup: guessing would drop the lookup and admit unknown clients.
 * <p>
 * Runs after Spring Security's auto-configuration, so that Boot's generated user, when there is one, is known. The
 * {@code after} classes are read from the class file, never loaded: without {@code spring-boot-security} the
 * ordering simply does not apply.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@AutoConfiguration(after = { NegotiateCredentialsAutoConfiguration.class, SecurityAutoConfiguration.class,
		UserDetailsServiceAutoConfiguration.class })
@ConditionalOnClass({ Authentication.class, AuthorizationManager.class })
@ConditionalOnNegotiateServer
public final class NegotiateSecurityAutoConfiguration {

	private static final String BOOT_GENERATED_USER = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration";

	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	NegotiateSecurity negotiateSecurity(ConfigurableListableBeanFactory beanFactory, Environment environment) {
		NegotiateAuthenticationProvider provider = authenticationProvider(beanFactory);
		provider.setClassLoader(beanFactory.getBeanClassLoader());
		Map<String, String> sidMap = Binder.get(environment)
			.bind(SidAuthorityMapper.PROPERTY, Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		if (!sidMap.isEmpty()) {
			provider.setSidAuthorityMapper(new SidAuthorityMapper(sidMap));
		}
		boolean allowAnonymousClients = Binder.get(environment)
			.bind("negotiate.tcp.server.allow-anonymous-clients", Boolean.class)
			.orElse(false);
		return new NegotiateSecurity(new ProviderManager(provider)).allowAnonymousClients(allowAnonymousClients);
	}

	@Bean
	@ConditionalOnMissingBean(SessionAuthorizer.class)
	NegotiateSecuritySessionAuthorizer negotiateSessionAuthorizer(NegotiateSecurity security) {
		return security.build();
	}

	private static NegotiateAuthenticationProvider authenticationProvider(ConfigurableListableBeanFactory beanFactory) {
		AuthenticationUserDetailsService<NegotiateAuthenticationToken> byToken = SingleSecurityBean.get(beanFactory,
				ResolvableType.forClassWithGenerics(AuthenticationUserDetailsService.class,
						NegotiateAuthenticationToken.class),
				"to load the authorities of every Negotiate TCP client",
				"Mark the one that knows your Negotiate TCP clients @Primary, or define only one.");
		if (byToken != null) {
			return new NegotiateAuthenticationProvider(byToken);
		}
		UserDetailsService byName = applicationUserDetailsService(beanFactory);
		return (byName != null) ? NegotiateAuthenticationProvider.withUserDetailsService(byName)
				: new NegotiateAuthenticationProvider();
	}

	/**
	 * Return the application's own {@link UserDetailsService}: the single or {@code @Primary} one. Spring Boot's
	 * generated single-user service (the "generated security password" user, which Boot creates only when the
	 * application has no user details service) is not a directory of Kerberos or NTLM clients: with it, every client
	 * would be refused as unknown, so it is ignored and clients are authenticated without authorities instead.
	 * @param beanFactory the bean factory
	 * @return the service or {@code null}
	 * @throws org.negotiatetcp.boot.security.diagnostics.AmbiguousSecurityBeanException if there are several and
	 * none is primary
	 */
	static @Nullable UserDetailsService applicationUserDetailsService(ConfigurableListableBeanFactory beanFactory) {
		String[] names = beanFactory.getBeanNamesForType(UserDetailsService.class);
		if (names.length == 1 && isBootsGeneratedUser(beanFactory, names[0])) {
			return null;
		}
		return SingleSecurityBean.get(beanFactory, ResolvableType.forClass(UserDetailsService.class),
				"to look up every Negotiate TCP client (user@REALM, DOMAIN\\user) for its authorities",
				"Mark the one that knows your Negotiate TCP clients @Primary, define only one, or define an "
						+ "AuthenticationUserDetailsService<NegotiateAuthenticationToken> bean for the clients.");
	}

	private static boolean isBootsGeneratedUser(ConfigurableListableBeanFactory beanFactory, String name) {
		if (!beanFactory.containsBeanDefinition(name)) {
			return false;
		}
		BeanDefinition definition = beanFactory.getBeanDefinition(name);
		String factoryBean = definition.getFactoryBeanName();
		if (factoryBean == null || !ClassUtils.isPresent(BOOT_GENERATED_USER, beanFactory.getBeanClassLoader())) {
			return false;
		}
		Class<?> factoryType = beanFactory.getType(factoryBean);
		return factoryType != null && BootSecurity.isGeneratedUserConfiguration(ClassUtils.getUserClass(factoryType));
	}

	/**
	 * Refers to Spring Boot's security auto-configuration; loaded only when it is on the class path.
	 */
	private static final class BootSecurity {

		static boolean isGeneratedUserConfiguration(Class<?> type) {
			return type == UserDetailsServiceAutoConfiguration.class;
		}

	}

}
