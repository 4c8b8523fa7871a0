package org.negotiatetcp.boot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the named
 * {@link NegotiateCredentials} ({@code negotiate.tcp.credentials.*}), and of the binding of
 * {@code protection-level} values written as RPC authentication levels ({@link ProtectionLevelConverter}). The
 * krb5.conf of {@code negotiate.tcp.kerberos.krb5-conf} is applied before, by
 * {@link NegotiateKerberosEnvironmentPostProcessor}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@AutoConfiguration
@EnableConfigurationProperties(NegotiateCredentialsProperties.class)
public final class NegotiateCredentialsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NegotiateCredentials negotiateCredentials(NegotiateCredentialsProperties properties,
			ResourceLoader resourceLoader) {
		// normally applied already, while the environment was prepared; not if the property arrived later
		NegotiateKerberosEnvironmentPostProcessor.apply(properties.getKerberos().getKrb5Conf(),
				resourceLoader.getClassLoader());
		return new NegotiateCredentials(properties, resourceLoader.getClassLoader());
	}

	@Bean
	@ConfigurationPropertiesBinding
	static ProtectionLevelConverter negotiateProtectionLevelConverter() {
		return new ProtectionLevelConverter();
	}

}
