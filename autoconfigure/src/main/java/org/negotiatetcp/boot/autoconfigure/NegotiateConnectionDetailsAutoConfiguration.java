package org.negotiatetcp.boot.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

import org.negotiatetcp.mechanism.kerberos.KerberosConfiguration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * {@link NegotiateCredentials} from a {@link NegotiateKerberosConnectionDetails} bean (for example from a
 * Testcontainers KDC with {@code @ServiceConnection}) merged with {@code negotiate.tcp.credentials.*}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@AutoConfiguration(before = NegotiateCredentialsAutoConfiguration.class)
@ConditionalOnSingleCandidate(NegotiateKerberosConnectionDetails.class)
@EnableConfigurationProperties(NegotiateCredentialsProperties.class)
public final class NegotiateConnectionDetailsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NegotiateCredentials negotiateCredentials(NegotiateCredentialsProperties properties,
			NegotiateKerberosConnectionDetails connectionDetails, ResourceLoader resourceLoader) {
		// the realm (for example a KDC container) only exists as a bean, after the environment was prepared, so its
		// krb5.conf is applied here rather than by NegotiateKerberosEnvironmentPostProcessor
		KerberosConfiguration.use(connectionDetails.krb5Conf());
		return new NegotiateCredentials(merge(properties, connectionDetails), resourceLoader.getClassLoader());
	}

	static NegotiateCredentialsProperties merge(NegotiateCredentialsProperties properties,
			NegotiateKerberosConnectionDetails connectionDetails) {
		NegotiateCredentialsProperties merged = new NegotiateCredentialsProperties();
		merged.getCredentials().putAll(properties.getCredentials());
		for (Map.Entry<String, NegotiateKerberosConnectionDetails.Credential> entry : connectionDetails.credentials()
			.entrySet()) {
			NegotiateCredentialsProperties.Credential credential = new NegotiateCredentialsProperties.Credential();
			credential.setPrincipal(entry.getValue().principal());
			// a credential has exactly one secret: the keytab when there is one, else the password
			Path keytab = entry.getValue().keytab();
			credential.setKeytab((keytab != null) ? keytab.toAbsolutePath().toString() : null);
			if (entry.getValue().keytab() == null) {
				credential.setPassword(entry.getValue().password());
			}
			merged.getCredentials().put(entry.getKey(), credential);
		}
		merged.getKerberos().setKrb5Conf(connectionDetails.krb5Conf().toAbsolutePath().toString());
		return merged;
	}

}
