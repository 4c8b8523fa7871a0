package org.negotiatetcp.boot.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.negotiatetcp.boot.autoconfigure.NegotiateClientAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateClientProperties;
import org.negotiatetcp.boot.health.ClientCredentialLogins;
import org.negotiatetcp.boot.health.KdcProbe;
import org.negotiatetcp.boot.health.NegotiateClientHealthIndicator;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.security.AuthPackage;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the client
 * credentials' Kerberos logins: the opt-in startup login check ({@code negotiate.tcp.client.login-check=true}) that
 * stops the application when a client credential cannot log in, and the {@link NegotiateClientHealthIndicator}
 * (health component {@code negotiateClient}; off with {@code management.health.negotiate-client.enabled=false}) that
 * reports each credential's login and ticket lifetime (and, with {@code negotiate.tcp.health.kdc.enabled=true},
 * whether a KDC of the realm still accepts a connection while the login is reused). A client whose package is NTLM
 * does not use Kerberos and gets neither.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@AutoConfiguration(after = NegotiateClientAutoConfiguration.class)
@ConditionalOnBean({ ClientSettings.class, NegotiateClientProperties.class })
@EnableConfigurationProperties(NegotiateHealthProperties.class)
public final class NegotiateClientLoginAutoConfiguration {

	private static final String LOGIN_CHECK = "negotiate.tcp.client.login-check";

	@Bean
	@ConditionalOnMissingBean
	ClientCredentialLogins negotiateClientCredentialLogins(ClientSettings settings,
			NegotiateClientProperties properties, NegotiateHealthProperties health) {
		Map<String, ClientCredential> credentials = new LinkedHashMap<>();
		if (settings.authPackage() != AuthPackage.NTLM) {
			String name = properties.getCredential();
			credentials.put((name != null && !name.isBlank()) ? name : "client", settings.credential());
		}
		KdcProbe probe = health.getKdc().isEnabled() ? new KdcProbe(health.getKdc().getTimeout()) : null;
		return new ClientCredentialLogins(credentials, probe);
	}

	@Bean
	@ConditionalOnBooleanProperty(LOGIN_CHECK)
	InitializingBean negotiateClientLoginCheck(ClientCredentialLogins logins) {
		return () -> {
			for (ClientCredentialLogins.Result result : logins.check()) {
				MechanismException failure = result.failure();
				if (failure != null) {
					throw new MechanismException(failure.reason(), "The client credential '" + result.name()
							+ "' (negotiate.tcp.credentials." + result.name() + ") cannot log in, and the startup login "
							+ "check (" + LOGIN_CHECK + "=true) stops the application: " + failure.getMessage()
							+ ". Fix the credential, or set " + LOGIN_CHECK + "=false to find out when the first "
							+ "channel opens", failure);
				}
			}
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AbstractHealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("negotiate-client")
	static class ClientHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "negotiateClientHealthIndicator")
		NegotiateClientHealthIndicator negotiateClientHealthIndicator(ClientCredentialLogins logins) {
			return new NegotiateClientHealthIndicator(logins);
		}

	}

}
