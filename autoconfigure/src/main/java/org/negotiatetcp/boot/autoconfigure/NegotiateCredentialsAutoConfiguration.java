package org.negotiatetcp.boot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the named
 * {@link NegotiateCredentials} ({@code negotiate.tcp.credentials.*}, {@code negotiate.tcp.kerberos.*}).
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@AutoConfiguration
@EnableConfigurationProperties(NegotiateCredentialsProperties.class)
public final class NegotiateCredentialsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NegotiateCredentials negotiateCredentials(NegotiateCredentialsProperties properties) {
		return new NegotiateCredentials(properties);
	}

}
