package org.negotiatetcp.boot.testcontainers;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

import org.negotiatetcp.boot.autoconfigure.NegotiateKerberosConnectionDetails;
import org.negotiatetcp.boot.test.kerberos.KerberosRealm;

/**
 * Turns a {@code @ServiceConnection} {@link MitKdcContainer} into {@link NegotiateKerberosConnectionDetails}: the
 * container's host krb5.conf and one credential per principal, named by {@link KerberosRealm#credentialName(String)}
 * (keytab, plus the password of users). Registered in {@code META-INF/spring.factories}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
class MitKdcContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<MitKdcContainer, NegotiateKerberosConnectionDetails> {

	@Override
	protected NegotiateKerberosConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<MitKdcContainer> source) {
		return new MitKdcConnectionDetails(source);
	}

	private static final class MitKdcConnectionDetails extends ContainerConnectionDetails<MitKdcContainer>
			implements NegotiateKerberosConnectionDetails {

		MitKdcConnectionDetails(ContainerConnectionSource<MitKdcContainer> source) {
			super(source);
		}

		@Override
		public String realm() {
			return getContainer().getRealm();
		}

		@Override
		public Path krb5Conf() {
			return getContainer().getKrb5Conf();
		}

		@Override
		public Map<String, Credential> credentials() {
			MitKdcContainer container = getContainer();
			Map<String, Credential> credentials = new LinkedHashMap<>();
			container.getPrincipals()
				.forEach((name, password) -> credentials.put(KerberosRealm.credentialName(name),
						new Credential(name + "@" + container.getRealm(), container.getKeytab(name), password)));
			return credentials;
		}

	}

}
