package org.negotiatetcp.boot.testcontainers;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

import org.negotiatetcp.boot.autoconfigure.NegotiateKerberosConnectionDetails;
import org.negotiatetcp.boot.test.kerberos.KerberosRealm;

/**
 * Turns a {@code @ServiceConnection} {@link SambaAdContainer} into {@link NegotiateKerberosConnectionDetails}: the
 * container's host krb5.conf, one credential per user (keytab and password, named by the account) and one per SPN
 * (the service or computer account's keytab, named by {@link KerberosRealm#credentialName(String)}). Registered in
 * {@code META-INF/spring.factories}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
class SambaAdContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<SambaAdContainer, NegotiateKerberosConnectionDetails> {

	@Override
	protected NegotiateKerberosConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<SambaAdContainer> source) {
		return new SambaAdConnectionDetails(source);
	}

	private static final class SambaAdConnectionDetails extends ContainerConnectionDetails<SambaAdContainer>
			implements NegotiateKerberosConnectionDetails {

		SambaAdConnectionDetails(ContainerConnectionSource<SambaAdContainer> source) {
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
			SambaAdContainer container = getContainer();
			Map<String, Credential> credentials = new LinkedHashMap<>();
			container.getUsers()
				.forEach((name, password) -> credentials.put(KerberosRealm.credentialName(name),
						new Credential(name + "@" + container.getRealm(), container.getKeytab(name), password)));
			container.getServiceAccounts()
				.forEach((account, spns) -> spns.forEach((spn) -> credentials.put(KerberosRealm.credentialName(spn),
						new Credential(spn + "@" + container.getRealm(), container.getKeytab(account), null))));
			container.getComputerAccounts()
				.forEach((account, spns) -> spns.forEach((spn) -> credentials.put(KerberosRealm.credentialName(spn),
						new Credential(spn + "@" + container.getRealm(), container.getKeytab(account), null))));
			return credentials;
		}

	}

}
