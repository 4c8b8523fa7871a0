package org.negotiatetcp.boot.autoconfigure;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.AuthenticationUserDetailsService;
import org.springframework.security.core.userdetails.UserDetailsService;

import org.negotiatetcp.boot.security.NegotiateAuthenticationProvider;
import org.negotiatetcp.boot.security.NegotiateAuthenticationToken;
import org.negotiatetcp.boot.security.NegotiateSecurity;
import org.negotiatetcp.boot.security.NegotiateSecuritySessionAuthorizer;
import org.negotiatetcp.channel.SessionAuthorizer;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the Spring Security
 * bridge of the server: a prototype {@link NegotiateSecurity} DSL whose authentication manager loads authorities from
 * the application's {@link AuthenticationUserDetailsService} or {@link UserDetailsService} (none: no authorities),
 * and, unless the application defines its own {@link SessionAuthorizer}, the default rules ({@code authenticated()}
 * on every via).
 * <p>
 * Client names are looked up as the handshake authenticated them ({@code alice@EXAMPLE.COM}, {@code EXAMPLE\alice}).
 * Boot's generated single-user service (what {@code spring-boot-starter-security} creates when the application has
 * none) knows none of them and is therefore ignored: the clients are authenticated without authorities. Define a
 * {@link UserDetailsService} (or an {@link AuthenticationUserDetailsService}) for your clients to give them
 * authorities, or call {@link NegotiateSecurity#authenticationManager} in your rules bean.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@AutoConfiguration(after = NegotiateCredentialsAutoConfiguration.class)
@ConditionalOnClass({ Authentication.class, AuthorizationManager.class })
@ConditionalOnNegotiateServer
public final class NegotiateSecurityAutoConfiguration {

	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	NegotiateSecurity negotiateSecurity(
			ObjectProvider<AuthenticationUserDetailsService<NegotiateAuthenticationToken>> authenticationUserDetails,
			ConfigurableListableBeanFactory beanFactory) {
		AuthenticationUserDetailsService<NegotiateAuthenticationToken> byToken = authenticationUserDetails
			.getIfUnique();
		UserDetailsService byName = applicationUserDetailsService(beanFactory);
		NegotiateAuthenticationProvider provider = (byToken != null) ? new NegotiateAuthenticationProvider(byToken)
				: (byName != null) ? NegotiateAuthenticationProvider.withUserDetailsService(byName)
						: new NegotiateAuthenticationProvider();
		return new NegotiateSecurity(new ProviderManager(provider));
	}

	@Bean
	@ConditionalOnMissingBean(SessionAuthorizer.class)
	NegotiateSecuritySessionAuthorizer negotiateSessionAuthorizer(NegotiateSecurity security) {
		return security.build();
	}

	/**
	 * Return the application's own {@link UserDetailsService}, if it has exactly one. Spring Boot's generated
	 * single-user service ({@code UserDetailsServiceAutoConfiguration}, the "generated security password" user) is
	 * not a directory of Kerberos or NTLM clients: with it, every client would be refused as unknown, so it is
	 * ignored and clients are authenticated without authorities instead.
	 * @param beanFactory the bean factory
	 * @return the service or {@code null}
	 */
	static @Nullable UserDetailsService applicationUserDetailsService(ConfigurableListableBeanFactory beanFactory) {
		List<String> names = Arrays.stream(beanFactory.getBeanNamesForType(UserDetailsService.class))
			.filter((name) -> !isBootsGeneratedUser(beanFactory, name))
			.toList();
		return (names.size() == 1) ? beanFactory.getBean(names.get(0), UserDetailsService.class) : null;
	}

	private static boolean isBootsGeneratedUser(ConfigurableListableBeanFactory beanFactory, String name) {
		if (!beanFactory.containsBeanDefinition(name)) {
			return false;
		}
		String factoryBean = beanFactory.getBeanDefinition(name).getFactoryBeanName();
		return factoryBean != null && factoryBean.endsWith(".UserDetailsServiceAutoConfiguration");
	}

}
